// The MRO graph view on real demos: one node per class with its C3 number, bases above their
// subclasses and left to right in declared order, the metaclass edge, clicks and highlight.
#include "inspect.h"
#include "mrograph.h"
#include "session.h"

#include <QApplication>
#include <QtTest>

#include <memory>

using namespace ds;

namespace {

std::unique_ptr<Session> load_demo(const char* file) {
    LoadResult result;
    run_with_large_stack(
        [&] { result = load_model_file(std::string(DS_SOURCE_DIR) + "/resources/demos/" + file); });
    return std::move(result.session);
}

ClassGraph graph_of(Session& session, const std::string& focus) {
    ClassGraph graph;
    run_with_large_stack([&] {
        const TypeObject* type = nullptr;
        for (const NamedObject& o : model_objects(session.world()))
            if (o.kind == ObjectKind::Class && o.name == focus) type = o.value.as<TypeObject>();
        if (type || focus.empty()) graph = class_graph(session.world(), type);
    });
    return graph;
}

QPointF centre(const ClassNodeItem* node) {
    return node->sceneBoundingRect().center();
}

} // namespace

class TestMroGraph : public QObject {
    Q_OBJECT

  private slots:
    void diamondNodesAndBadges();
    void diamondGeometry();
    void basesInDeclaredOrder();
    void metaclassEdge();
    void clickEmitsClassActivated();
    void dragDoesNotActivate();
    void highlight();
    void sameGraphKeepsZoom();
    void zoomKeysAndFit();
    void clickToRefocus();
    void emptyAndPartialGraphs();
    void wholeModelMode();
    void descriptorDemo();
    void largeGraph();
};

void TestMroGraph::diamondNodesAndBadges() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    ClassGraph graph = graph_of(*session, "Bottom");
    QVERIFY(!graph.nodes.empty());
    MroGraphScene scene;
    scene.show_graph(graph);
    QVERIFY(scene.laid_out_by_graphviz());

    // Exactly one node item per class of the graph.
    int node_items = 0;
    for (QGraphicsItem* item : scene.items())
        if (qgraphicsitem_cast<ClassNodeItem*>(item)) ++node_items;
    QCOMPARE(node_items, int(graph.nodes.size()));
    QCOMPARE(node_items, 6); // Bottom Left Right Base object + the metaclass Registry

    // C3: Bottom, Left, Right, Base, object.
    const QStringList mro = {"Bottom", "Left", "Right", "Base", "object"};
    for (int i = 0; i < mro.size(); ++i) {
        ClassNodeItem* node = scene.node(mro[i]);
        QVERIFY2(node, qPrintable(mro[i]));
        QCOMPARE(node->mro_index(), i);
    }
    QCOMPARE(scene.focus_class(), QString("Bottom"));
    QVERIFY(scene.node("object")->is_builtin());
    QVERIFY(!scene.node("Base")->is_builtin());
    ClassNodeItem* registry = scene.node("Registry");
    QVERIFY(registry);
    QCOMPARE(registry->mro_index(), -1);
    QVERIFY(registry->is_metaclass());
}

void TestMroGraph::diamondGeometry() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphScene scene;
    scene.show_graph(graph_of(*session, "Bottom"));

    auto x = [&](const char* n) { return centre(scene.node(n)).x(); };
    auto y = [&](const char* n) { return centre(scene.node(n)).y(); };
    // Declared order `class Bottom(Left, Right)`: Left is drawn left of Right.
    QVERIFY2(x("Left") < x("Right"),
             qPrintable(QString("Left %1, Right %2").arg(x("Left")).arg(x("Right"))));
    // Bases above subclasses (Qt's y grows downwards).
    QVERIFY(y("Left") < y("Bottom"));
    QVERIFY(y("Right") < y("Bottom"));
    QVERIFY(y("Base") < y("Left"));
    QVERIFY(y("Base") < y("Right"));
    QVERIFY(y("object") < y("Base"));
    QCOMPARE(y("Left"), y("Right"));

    // Inheritance edges: subclass -> base, each arrow ending at (the border of) its base.
    QStringList pairs;
    for (ClassEdgeItem* e : scene.edges()) {
        if (e->is_metaclass()) continue;
        pairs << e->from() + ">" + e->to();
        QRectF base_box = scene.node(e->to())->sceneBoundingRect();
        QRectF sub_box = scene.node(e->from())->sceneBoundingRect();
        QPainterPath path = e->path();
        QVERIFY(!path.isEmpty());
        // The curve leaves the subclass at its top and runs up to the base.
        QVERIFY(path.pointAtPercent(0).y() < sub_box.center().y());
        QVERIFY(path.pointAtPercent(1).y() > base_box.center().y());
    }
    pairs.sort();
    QCOMPARE(pairs, QStringList(
                        {"Base>object", "Bottom>Left", "Bottom>Right", "Left>Base", "Right>Base"}));
}

void TestMroGraph::basesInDeclaredOrder() {
    // The declared order decides, not the order the nodes come in: nodes list Right before
    // Left, edges in reverse too, but __bases__ is (Left, Middle, Right).
    ClassGraph graph;
    graph.nodes = {{"Sub", false, 0, false},
                   {"Right", false, 1, false},
                   {"Middle", false, 2, false},
                   {"Left", false, 3, false},
                   {"object", true, 4, false}};
    graph.edges = {{"Sub", "Right", 2},    {"Sub", "Middle", 1},    {"Sub", "Left", 0},
                   {"Right", "object", 0}, {"Middle", "object", 0}, {"Left", "object", 0}};
    MroGraphScene scene;
    scene.show_graph(graph);
    double left = centre(scene.node("Left")).x(), middle = centre(scene.node("Middle")).x(),
           right = centre(scene.node("Right")).x();
    QVERIFY2(left < middle && middle < right,
             qPrintable(QString("%1 %2 %3").arg(left).arg(middle).arg(right)));
}

void TestMroGraph::metaclassEdge() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphScene scene;
    scene.show_graph(graph_of(*session, "Bottom"));
    ClassEdgeItem* meta = nullptr;
    for (ClassEdgeItem* e : scene.edges())
        if (e->is_metaclass() && e->from() == "Bottom") meta = e;
    QVERIFY(meta);
    QCOMPARE(meta->to(), QString("Registry"));
    QVERIFY(!meta->path().isEmpty());
    // The focus class's own metaclass edge and the one where the metaclass comes in (Base);
    // Left and Right only inherit it and are not repeated.
    QStringList all;
    for (ClassEdgeItem* e : scene.edges())
        if (e->is_metaclass()) all << e->from() + ">" + e->to();
    all.sort();
    QCOMPARE(all, QStringList({"Base>Registry", "Bottom>Registry"}));
}

void TestMroGraph::clickEmitsClassActivated() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.resize(700, 520);
    view.show_graph(graph_of(*session, "Bottom"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy spy(&view, &MroGraphView::classActivated);
    for (const char* name : {"Right", "object", "Registry"}) {
        QPoint at = view.mapFromScene(centre(view.graph_scene()->node(name)));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(), QString(name));
    }
    // A click on empty canvas activates nothing.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(3, 3));
    QCOMPARE(spy.count(), 0);
}

void TestMroGraph::clickToRefocus() {
    // What the window does: a click selects the class, whose graph is then shown.
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.resize(700, 520);
    view.show_graph(graph_of(*session, "Bottom"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    connect(&view, &MroGraphView::classActivated, &view,
            [&](const QString& name) { view.show_graph(graph_of(*session, name.toStdString())); });
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.mapFromScene(centre(view.graph_scene()->node("Left"))));
    QCOMPARE(view.graph_scene()->focus_class(), QString("Left"));
    QCOMPARE(view.graph_scene()->node("Left")->mro_index(), 0);
    QCOMPARE(view.graph_scene()->node("Base")->mro_index(), 1);
    QVERIFY(!view.graph_scene()->node("Right"));
}

void TestMroGraph::emptyAndPartialGraphs() {
    MroGraphView view;
    view.show_graph(ClassGraph{});
    QVERIFY(view.graph_scene()->nodes().empty());
    QVERIFY(view.graph_scene()->items().isEmpty());

    // An edge to a class the graph does not list is left out, not invented.
    ClassGraph graph;
    graph.nodes = {{"A", false, 0, false}, {"object", true, 1, false}};
    graph.edges = {{"A", "object", 0}, {"A", "Missing", 1}};
    view.show_graph(graph);
    QCOMPARE(view.graph_scene()->nodes().size(), size_t(2));
    QCOMPARE(view.graph_scene()->edges().size(), size_t(1));
    view.show_graph(ClassGraph{});
    QVERIFY(view.graph_scene()->items().isEmpty());
}

void TestMroGraph::dragDoesNotActivate() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.resize(700, 520);
    view.show_graph(graph_of(*session, "Bottom"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &MroGraphView::classActivated);
    QPoint at = view.mapFromScene(centre(view.graph_scene()->node("Left")));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, at);
    QTest::mouseMove(view.viewport(), at + QPoint(40, 30));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, at + QPoint(40, 30));
    QCOMPARE(spy.count(), 0);
}

void TestMroGraph::highlight() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.show_graph(graph_of(*session, "Bottom"), "Right");
    MroGraphScene* scene = view.graph_scene();
    QVERIFY(scene->node("Right")->is_highlighted());
    QVERIFY(!scene->node("Base")->is_highlighted());
    QCOMPARE(scene->highlight(), QString("Right"));

    view.set_highlight("Base");
    QVERIFY(!scene->node("Right")->is_highlighted());
    QVERIFY(scene->node("Base")->is_highlighted());

    view.set_highlight({});
    for (ClassNodeItem* n : scene->nodes()) QVERIFY(!n->is_highlighted());

    // Showing the same graph with another highlight keeps the items and moves the highlight.
    ClassNodeItem* left = scene->node("Left");
    view.show_graph(graph_of(*session, "Bottom"), "Left");
    QCOMPARE(scene->node("Left"), left);
    QVERIFY(left->is_highlighted());
}

void TestMroGraph::sameGraphKeepsZoom() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.resize(600, 400);
    view.show_graph(graph_of(*session, "Bottom"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.zoom_in();
    double zoomed = view.zoom_factor();
    view.show_graph(graph_of(*session, "Bottom"), "Base"); // e.g. refresh after a statement
    QCOMPARE(view.zoom_factor(), zoomed);
    view.show_graph(graph_of(*session, "Left")); // another class: fitted again
    QVERIFY(view.zoom_factor() <= 1.5);
    QCOMPARE(view.graph_scene()->focus_class(), QString("Left"));
    QCOMPARE(view.graph_scene()->nodes().size(), size_t(4)); // Left Base object Registry
}

void TestMroGraph::zoomKeysAndFit() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    MroGraphView view;
    view.resize(800, 600);
    view.show_graph(graph_of(*session, "Bottom"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    double start = view.zoom_factor();
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.zoom_factor() > start);
    QTest::keyClick(&view, Qt::Key_Minus);
    QTest::keyClick(&view, Qt::Key_Minus);
    QVERIFY(view.zoom_factor() < start);

    // Ctrl+wheel zooms in.
    double before = view.zoom_factor();
    QPoint mid = view.viewport()->rect().center();
    QWheelEvent wheel(mid, view.viewport()->mapToGlobal(mid), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(view.zoom_factor() > before);

    // Fit: every node is inside the viewport.
    for (int i = 0; i < 8; ++i) view.zoom_in();
    view.fit();
    QRect visible = view.viewport()->rect();
    for (ClassNodeItem* n : view.graph_scene()->nodes())
        QVERIFY2(visible.contains(view.mapFromScene(n->sceneBoundingRect()).boundingRect()),
                 qPrintable(n->name()));
}

void TestMroGraph::wholeModelMode() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    ClassGraph graph = graph_of(*session, "");
    MroGraphScene scene;
    scene.show_graph(graph);
    QVERIFY(scene.focus_class().isEmpty());
    for (const char* name : {"Registry", "Base", "Left", "Right", "Bottom", "object", "type"}) {
        QVERIFY2(scene.node(name), name);
        QCOMPARE(scene.node(name)->mro_index(), -1);
    }
    QVERIFY(centre(scene.node("Left")).x() < centre(scene.node("Right")).x());
    QVERIFY(centre(scene.node("type")).y() < centre(scene.node("Registry")).y());
    // The metaclass comes in at Base; the edges of classes that inherit it are not repeated.
    QStringList meta;
    for (ClassEdgeItem* e : scene.edges())
        if (e->is_metaclass()) meta << e->from() + ">" + e->to();
    QCOMPARE(meta, QStringList({"Base>Registry"}));
}

void TestMroGraph::descriptorDemo() {
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    MroGraphScene scene;
    scene.show_graph(graph_of(*session, "Person"), "Person");
    QCOMPARE(scene.node("Person")->mro_index(), 0);
    QCOMPARE(scene.node("object")->mro_index(), 1);
    QVERIFY(scene.node("Person")->is_highlighted());
    QVERIFY(centre(scene.node("object")).y() < centre(scene.node("Person")).y());
}

void TestMroGraph::largeGraph() {
    // 300 classes, each with one to three earlier bases (a wide, tangled DAG).
    ClassGraph graph;
    graph.nodes.push_back({"object", true, -1, false});
    quint32 seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int i = 1; i < 300; ++i) {
        std::string name = "C" + std::to_string(i);
        graph.nodes.push_back({name, false, -1, false});
        int bases = 1 + int(next() % 3);
        std::vector<int> chosen;
        for (int b = 0; b < bases; ++b) {
            int base = int(next() % i);
            if (std::find(chosen.begin(), chosen.end(), base) != chosen.end()) continue;
            chosen.push_back(base);
            graph.edges.push_back({name, graph.nodes[base].name, int(chosen.size() - 1)});
        }
    }
    MroGraphScene scene;
    QElapsedTimer timer;
    timer.start();
    scene.show_graph(graph);
    qInfo("300 classes, %zu edges laid out in %lld ms", graph.edges.size(),
          (long long)timer.elapsed());
    QCOMPARE(scene.nodes().size(), size_t(300));
    QCOMPARE(scene.edges().size(), graph.edges.size());
    QVERIFY(scene.laid_out_by_graphviz());
    // Every edge goes up: the base is above its subclass.
    for (ClassEdgeItem* e : scene.edges())
        QVERIFY(centre(scene.node(e->to())).y() < centre(scene.node(e->from())).y());
    // Laying out again (no leak check here, but it must not crash or drift).
    graph.nodes[0].builtin = false;
    scene.show_graph(graph);
    QCOMPARE(scene.nodes().size(), size_t(300));
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestMroGraph test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mrograph.moc"
