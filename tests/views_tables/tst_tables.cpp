// The model tree, the instance view and the attribute table, driven offscreen with the
// descriptor-protocol demo: what they show, filtering, selection signals, the flash of a
// changed __dict__ entry, and losing definitions struck through. Also saves a screenshot of each
// widget with real demo data to the temp directory (ds-modeltree.png, ds-stateview.png,
// ds-attributetable.png) for looking at.
#include "attributetable.h"
#include "inspect.h"
#include "modeltree.h"
#include "session.h"
#include "stateview.h"
#include "theme.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace ds;

namespace {

std::unique_ptr<Session> load_demo(const char* file) {
    std::unique_ptr<Session> session;
    std::string path = std::string(DS_SOURCE_DIR) + "/resources/demos/" + file;
    run_with_large_stack([&] {
        LoadResult r = load_model_file(path);
        session = std::move(r.session);
    });
    return session;
}

StatementResult run(Session& s, const std::string& code) {
    StatementResult r;
    run_with_large_stack([&] { r = s.run(code); });
    return r;
}

Value global(Session& s, const std::string& name) {
    for (const NamedObject& o : model_objects(s.world()))
        if (o.name == name) return o.value;
    return Value();
}

std::vector<StateEntry> state_of(Session& s, const std::string& name) {
    std::vector<StateEntry> out;
    run_with_large_stack([&] { out = object_state(s.world(), global(s, name)); });
    return out;
}

std::vector<AttributeRow> attrs_of(Session& s, const std::string& name,
                                   bool include_object = false) {
    std::vector<AttributeRow> out;
    run_with_large_stack(
        [&] { out = attribute_table(s.world(), global(s, name), include_object); });
    return out;
}

void fill_tree(ModelTree& tree, Session& s) {
    tree.show_objects(model_objects(s.world()), class_graph(s.world(), nullptr));
}

// The item of `name` in the tree's source model (breadth first), or null.
QStandardItem* tree_item(ModelTree& tree, const QString& name) {
    QStandardItemModel* m = tree.source_model();
    std::vector<QStandardItem*> queue;
    for (int r = 0; r < m->rowCount(); ++r) queue.push_back(m->item(r));
    for (size_t i = 0; i < queue.size(); ++i) {
        if (queue[i]->data(ModelTree::NameRole).toString() == name) return queue[i];
        for (int r = 0; r < queue[i]->rowCount(); ++r) queue.push_back(queue[i]->child(r));
    }
    return nullptr;
}

bool shown_in_tree(ModelTree& tree, const QString& name) {
    QStandardItem* it = tree_item(tree, name);
    if (!it) return false;
    auto* proxy = static_cast<QSortFilterProxyModel*>(tree.shown_model());
    return proxy->mapFromSource(it->index()).isValid();
}

int state_row(StateView& v, const QString& name) {
    for (int r = 0; r < v.model()->rowCount(); ++r)
        if (v.model()->index(r, StateView::NameColumn).data().toString() == name) return r;
    return -1;
}

QString state_cell(StateView& v, const QString& name, int column) {
    int r = state_row(v, name);
    return r < 0 ? QString() : v.model()->index(r, column).data().toString();
}

QStandardItem* attr_item(AttributeTable& t, const QString& name) {
    QStandardItemModel* m = t.source_model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->item(r)->data(AttributeTable::NameRole).toString() == name) return m->item(r);
    return nullptr;
}

QString attr_cell(AttributeTable& t, QStandardItem* name_item, int column, int child = -1) {
    QStandardItemModel* m = t.source_model();
    if (child < 0) return m->item(name_item->row(), column)->text();
    return name_item->child(child, column)->text();
}

QString shots_dir() {
    return QDir::tempPath();
}

} // namespace

class TestTables : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void tree_shows_inheritance_and_instances();
    void tree_filter_is_case_insensitive_and_recursive();
    void tree_selection_emits_and_survives_refresh();
    void tree_stays_fast_on_thousands_of_classes();
    void state_shows_dict_and_flashes_changes();
    void state_marks_slots_and_unset_slots();
    void attribute_table_winners_and_losers();
    void attribute_table_filter_checkbox_and_selection();
    void screenshots();

  private:
    std::unique_ptr<Session> session_;
};

void TestTables::initTestCase() {
    session_ = load_demo("descriptor-protocol.json");
    QVERIFY(session_);
}

void TestTables::tree_shows_inheritance_and_instances() {
    ModelTree tree;
    fill_tree(tree, *session_);
    QStandardItem* person = tree_item(tree, "Person");
    QVERIFY(person);
    QVERIFY(person->parent());
    QCOMPARE(person->parent()->data(ModelTree::NameRole).toString(), QString("object"));
    QVERIFY(person->parent()->data(ModelTree::BuiltinRole).toBool());
    // Hero(Person) sits under Person; object is under the "Classes" group.
    QStandardItem* hero = tree_item(tree, "Hero");
    QVERIFY(hero && hero->parent() == person);
    QStandardItem* object = person->parent();
    QVERIFY(object->parent());
    QCOMPARE(object->parent()->text(), QString("Classes"));

    QStandardItem* foo = tree_item(tree, "foo");
    QVERIFY(foo);
    QCOMPARE(foo->data(ModelTree::TypeRole).toString(), QString("Person"));
    QCOMPARE(foo->data(ModelTree::KindRole).toInt(), int(ObjectKind::Instance));
    QCOMPARE(foo->parent()->text(), QString("Instances"));
    // The groups are there even when empty.
    QStringList groups;
    for (int r = 0; r < tree.source_model()->rowCount(); ++r)
        groups << tree.source_model()->item(r)->text();
    QCOMPARE(groups, (QStringList{"Classes", "Instances", "Modules", "Stores"}));

    // Another model after clear(): its small class tree opens entirely, the metaclass Registry
    // under type, Bottom under its first base Left.
    auto diamond = load_demo("diamond.json");
    QVERIFY(diamond);
    tree.clear();
    fill_tree(tree, *diamond);
    QVERIFY(!tree_item(tree, "Person"));
    QCOMPARE(tree_item(tree, "Registry")->parent()->text(), QString("type"));
    QCOMPARE(tree_item(tree, "Bottom")->parent()->text(), QString("Left"));
    auto* proxy = static_cast<QSortFilterProxyModel*>(tree.shown_model());
    QVERIFY(tree.tree_view()->isExpanded(proxy->mapFromSource(tree_item(tree, "Left")->index())));
}

void TestTables::tree_filter_is_case_insensitive_and_recursive() {
    ModelTree tree;
    fill_tree(tree, *session_);
    tree.resize(320, 480);
    tree.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tree));
    QVERIFY(shown_in_tree(tree, "Hero"));
    QVERIFY(shown_in_tree(tree, "foo"));

    QTest::keyClicks(tree.filter_edit(), "pers");
    QVERIFY(shown_in_tree(tree, "Person"));
    QVERIFY(shown_in_tree(tree, "object")); // the path to Person stays
    for (const char* hidden :
         {"Hero", "foo", "Property", "CachedProperty", "StaticMethod", "ClassMethod"})
        QVERIFY2(!shown_in_tree(tree, hidden), hidden);
    // The match is visible, not folded away.
    auto* proxy = static_cast<QSortFilterProxyModel*>(tree.shown_model());
    QModelIndex person = proxy->mapFromSource(tree_item(tree, "Person")->index());
    for (QModelIndex p = person.parent(); p.isValid(); p = p.parent())
        QVERIFY(tree.tree_view()->isExpanded(p));
    QVERIFY(!tree.tree_view()->visualRect(person).isEmpty());

    tree.filter_edit()->clear();
    QTest::keyClicks(tree.filter_edit(), "FOO");
    QVERIFY(shown_in_tree(tree, "foo"));
    QVERIFY(!shown_in_tree(tree, "Person"));
    tree.filter_edit()->clear();
    QVERIFY(shown_in_tree(tree, "Hero"));

    // Filtering opens everything; clearing the filter gives back the rows the user had folded.
    QModelIndex person_idx = proxy->mapFromSource(tree_item(tree, "Person")->index());
    tree.tree_view()->setExpanded(person_idx, false);
    QTest::keyClicks(tree.filter_edit(), "hero");
    QModelIndex hero = proxy->mapFromSource(tree_item(tree, "Hero")->index());
    QVERIFY(hero.isValid() && tree.tree_view()->isExpanded(hero.parent()));
    tree.filter_edit()->clear();
    QVERIFY(
        !tree.tree_view()->isExpanded(proxy->mapFromSource(tree_item(tree, "Person")->index())));
    QVERIFY(tree.tree_view()->isExpanded(proxy->mapFromSource(tree_item(tree, "object")->index())));
}

void TestTables::tree_selection_emits_and_survives_refresh() {
    ModelTree tree;
    fill_tree(tree, *session_);
    tree.resize(320, 480);
    tree.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tree));
    QSignalSpy spy(&tree, &ModelTree::objectSelected);

    // A click on Person.
    auto* proxy = static_cast<QSortFilterProxyModel*>(tree.shown_model());
    QModelIndex person = proxy->mapFromSource(tree_item(tree, "Person")->index());
    QRect rect = tree.tree_view()->visualRect(person);
    QVERIFY(!rect.isEmpty());
    QTest::mouseClick(tree.tree_view()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).toString(), QString("Person"));
    QCOMPARE(tree.selected_name(), QString("Person"));

    // A click on a group header selects nothing.
    QModelIndex group = proxy->index(1, 0); // Instances
    QTest::mouseClick(tree.tree_view()->viewport(), Qt::LeftButton, {},
                      tree.tree_view()->visualRect(group).center());
    QCOMPARE(spy.count(), 0);

    // select() by name, even through a filter that hides it.
    QTest::keyClicks(tree.filter_edit(), "Hero");
    QVERIFY(tree.select("foo"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).toString(), QString("foo"));
    QVERIFY(tree.filter_edit()->text().isEmpty());
    QVERIFY(!tree.select("no_such_name"));

    // Collapse Hero's parent, refresh with a new instance: selection and expansion are kept,
    // and keeping the selection emits nothing.
    QModelIndex person_idx = proxy->mapFromSource(tree_item(tree, "Person")->index());
    tree.tree_view()->setExpanded(person_idx, false);
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    QVERIFY(run(*session, "bar = Person('Carrie-Anne', 'Moss')").ok);
    fill_tree(tree, *session);
    QCOMPARE(tree.selected_name(), QString("foo"));
    QCOMPARE(spy.count(), 0);
    QVERIFY(tree_item(tree, "bar"));
    QCOMPARE(tree_item(tree, "bar")->data(ModelTree::TypeRole).toString(), QString("Person"));
    QVERIFY(
        !tree.tree_view()->isExpanded(proxy->mapFromSource(tree_item(tree, "Person")->index())));
    QVERIFY(tree.tree_view()->isExpanded(proxy->mapFromSource(tree_item(tree, "object")->index())));

    // Keyboard: Down from foo goes to bar.
    tree.tree_view()->setFocus();
    QTest::keyClick(tree.tree_view(), Qt::Key_Down);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).toString(), QString("bar"));
}

void TestTables::tree_stays_fast_on_thousands_of_classes() {
    // 4000 classes in a binary-ish inheritance tree, all instances of "type".
    std::vector<NamedObject> objects;
    ClassGraph graph;
    graph.nodes.push_back({"object", true, -1, false});
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
        std::string name = "Class" + std::to_string(i);
        objects.push_back({name, ObjectKind::Class, "type", Value()});
        graph.nodes.push_back({name, false, -1, false});
        graph.edges.push_back({name, i == 0 ? "object" : "Class" + std::to_string((i - 1) / 2), 0});
    }
    ModelTree tree;
    tree.resize(320, 600);
    tree.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tree));
    QElapsedTimer timer;
    timer.start();
    tree.show_objects(objects, graph);
    qint64 fill = timer.restart();
    QTest::keyClicks(tree.filter_edit(), "class3999");
    qint64 filter = timer.restart();
    QVERIFY(shown_in_tree(tree, "Class3999"));
    QVERIFY(!shown_in_tree(tree, "Class3998"));
    tree.filter_edit()->clear();
    qint64 clear = timer.restart();
    tree.show_objects(objects, graph);
    qint64 refill = timer.restart();
    qInfo("4000 classes: fill %lld ms, typing a 9-letter filter %lld ms, clearing %lld ms, refresh "
          "%lld ms",
          fill, filter, clear, refill);
    QVERIFY(fill < 3000 && filter < 3000 && clear < 3000 && refill < 3000);
}

void TestTables::state_shows_dict_and_flashes_changes() {
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    StateView view;
    view.resize(520, 240);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    view.show_state("foo", state_of(*session, "foo"));
    QCOMPARE(view.model()->rowCount(), 2);
    QCOMPARE(state_cell(view, "first_name", StateView::ValueColumn), QString("'Keanu'"));
    QCOMPARE(state_cell(view, "last_name", StateView::ValueColumn), QString("'Reeves'"));
    QCOMPARE(state_cell(view, "first_name", StateView::TypeColumn), QString("str"));
    QVERIFY(view.flashing_names().isEmpty()); // a first look flashes nothing

    QVERIFY(run(*session, "foo.first_name = 'Neo'").ok);
    view.show_state("foo", state_of(*session, "foo"));
    QCOMPARE(state_cell(view, "first_name", StateView::ValueColumn), QString("'Neo'"));
    QCOMPARE(view.flashing_names(), QStringList{"first_name"});
    int r = state_row(view, "first_name");
    QVERIFY(view.model()->index(r, 0).data(StateView::FlashingRole).toBool());
    QVERIFY(view.model()->index(r, 1).data(Qt::BackgroundRole).isValid());
    QVERIFY(!view.model()
                 ->index(state_row(view, "last_name"), 0)
                 .data(StateView::FlashingRole)
                 .toBool());

    // The fade ends on its own.
    QTRY_VERIFY_WITH_TIMEOUT(view.flashing_names().isEmpty(), 3000);
    QVERIFY(
        !view.model()->index(state_row(view, "first_name"), 1).data(Qt::BackgroundRole).isValid());

    // A new entry flashes; a removed one disappears.
    QVERIFY(run(*session, "foo.nickname = 'The One'").ok);
    QVERIFY(run(*session, "del foo.last_name").ok);
    view.show_state("foo", state_of(*session, "foo"));
    QCOMPARE(view.flashing_names(), QStringList{"nickname"});
    QCOMPARE(state_row(view, "last_name"), -1);
    QCOMPARE(view.model()->rowCount(), 2);

    // Another object: nothing flashes.
    QVERIFY(run(*session, "bar = Person('Carrie-Anne', 'Moss')").ok);
    view.show_state("bar", state_of(*session, "bar"));
    QVERIFY(view.flashing_names().isEmpty());
    QCOMPARE(state_cell(view, "first_name", StateView::ValueColumn), QString("'Carrie-Anne'"));
    QCOMPARE(view.object_name(), QString("bar"));

    // Zoom: the window sets a new font; rows and text follow the theme's fonts.
    int row_height = view.table_view()->verticalHeader()->defaultSectionSize();
    theme::set_zoom(1.5);
    QFont bigger = view.font();
    bigger.setPointSizeF(15);
    view.setFont(bigger);
    QVERIFY(view.table_view()->verticalHeader()->defaultSectionSize() > row_height);
    QCOMPARE(view.model()
                 ->index(0, StateView::ValueColumn)
                 .data(Qt::FontRole)
                 .value<QFont>()
                 .pointSizeF(),
             theme::code_font().pointSizeF());
    theme::set_zoom(1.0);
}

void TestTables::state_marks_slots_and_unset_slots() {
    auto session = load_demo("diamond.json");
    QVERIFY(session);
    QVERIFY(run(*session, "del bottom.side").ok);
    StateView view;
    std::vector<StateEntry> entries = state_of(*session, "bottom");
    view.show_state("bottom", entries);
    int slot_count = 0;
    bool saw_unset = false;
    for (int r = 0; r < view.model()->rowCount(); ++r) {
        QModelIndex i = view.model()->index(r, StateView::NameColumn);
        if (!i.data(StateView::IsSlotRole).toBool()) continue;
        ++slot_count;
        if (i.data(StateView::UnsetRole).toBool()) {
            saw_unset = true;
            QCOMPARE(i.data().toString(), QString("side"));
            QModelIndex value = view.model()->index(r, StateView::ValueColumn);
            QCOMPARE(value.data().toString(), QString("<unset>"));
            QCOMPARE(value.data(Qt::ForegroundRole).value<QColor>(), theme::palette().muted);
        }
    }
    QCOMPARE(slot_count, 2); // name (Base) and side (Left)
    QVERIFY(saw_unset);
}

void TestTables::attribute_table_winners_and_losers() {
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    AttributeTable table;
    table.show_rows(attrs_of(*session, "foo"));
    QStandardItem* full = attr_item(table, "full_name");
    QVERIFY(full);
    QCOMPARE(attr_cell(table, full, AttributeTable::KindColumn), QString("data descriptor"));
    QCOMPARE(attr_cell(table, full, AttributeTable::WinnerColumn), QString("Person"));
    QCOMPARE(full->rowCount(), 0);
    QStandardItem* first = attr_item(table, "first_name");
    QVERIFY(first);
    QCOMPARE(attr_cell(table, first, AttributeTable::WinnerColumn), QString("instance __dict__"));
    QCOMPARE(attr_cell(table, first, AttributeTable::KindColumn), QString("instance attribute"));
    QCOMPARE(attr_cell(table, first, AttributeTable::ValueColumn), QString("'Keanu'"));
    // The winner's class is drawn in the accent.
    QStandardItem* winner = table.source_model()->item(full->row(), AttributeTable::WinnerColumn);
    QCOMPARE(winner->foreground().color(), theme::palette().accent);
    QVERIFY(!attr_item(table, "__repr__")); // object's own names are left out by default

    QVERIFY(run(*session, "foo.__dict__['full_name'] = 'x'").ok);
    table.show_rows(attrs_of(*session, "foo"));
    full = attr_item(table, "full_name");
    QVERIFY(full);
    QCOMPARE(attr_cell(table, full, AttributeTable::WinnerColumn), QString("Person"));
    QCOMPARE(attr_cell(table, full, AttributeTable::KindColumn), QString("data descriptor"));
    QCOMPARE(full->rowCount(), 1);
    QCOMPARE(attr_cell(table, full, AttributeTable::WinnerColumn, 0), QString("instance __dict__"));
    QCOMPARE(attr_cell(table, full, AttributeTable::KindColumn, 0), QString("instance attribute"));
    QCOMPARE(attr_cell(table, full, AttributeTable::ValueColumn, 0), QString("'x'"));
    for (int c :
         {AttributeTable::KindColumn, AttributeTable::WinnerColumn, AttributeTable::ValueColumn}) {
        QStandardItem* loser = full->child(0, c);
        QVERIFY(loser->font().strikeOut());
        QCOMPARE(loser->foreground().color(), theme::palette().muted);
        QVERIFY(loser->data(AttributeTable::LoserRole).toBool());
    }
    QVERIFY(
        !table.source_model()->item(full->row(), AttributeTable::WinnerColumn)->font().strikeOut());
    // The loser row is on screen, under its winner.
    auto* proxy = static_cast<QSortFilterProxyModel*>(table.shown_model());
    QVERIFY(table.tree_view()->isExpanded(proxy->mapFromSource(full->index())));

    // A class: Hero's full_name (our Property) hides Person's property.
    table.show_rows(attrs_of(*session, "Hero"));
    full = attr_item(table, "full_name");
    QVERIFY(full);
    QCOMPARE(attr_cell(table, full, AttributeTable::WinnerColumn), QString("Hero"));
    QCOMPARE(full->rowCount(), 1);
    QCOMPARE(attr_cell(table, full, AttributeTable::WinnerColumn, 0), QString("Person"));
    QVERIFY(full->child(0, AttributeTable::WinnerColumn)->font().strikeOut());
}

void TestTables::attribute_table_filter_checkbox_and_selection() {
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    QVERIFY(run(*session, "foo.__dict__['full_name'] = 'x'").ok);
    AttributeTable table;
    table.resize(760, 420);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    QSignalSpy include(&table, &AttributeTable::includeObjectChanged);
    QSignalSpy selected(&table, &AttributeTable::attributeSelected);
    connect(&table, &AttributeTable::includeObjectChanged, &table,
            [&](bool on) { table.show_rows(attrs_of(*session, "foo", on)); });
    table.show_rows(attrs_of(*session, "foo", table.include_object()));
    auto* proxy = table.shown_model();
    int all = proxy->rowCount();
    QVERIFY(all > 5);

    QTest::keyClicks(table.filter_edit(), "NAME");
    QStringList shown;
    for (int r = 0; r < proxy->rowCount(); ++r) shown << proxy->index(r, 0).data().toString();
    QCOMPARE(shown, (QStringList{"_full_name_getter", "_full_name_setter", "first_name",
                                 "full_name", "last_name", "split_name"}));
    table.filter_edit()->clear();
    QCOMPARE(proxy->rowCount(), all);

    // The checkbox asks for object's names; the owner feeds them back.
    QTest::mouseClick(table.include_object_box(), Qt::LeftButton, {},
                      QPoint(6, table.include_object_box()->height() / 2));
    QCOMPARE(include.count(), 1);
    QCOMPARE(include.at(0).at(0).toBool(), true);
    QVERIFY(table.include_object());
    QStandardItem* repr = attr_item(table, "__repr__");
    QVERIFY(repr);
    QCOMPARE(attr_cell(table, repr, AttributeTable::WinnerColumn), QString("object"));
    QVERIFY(proxy->rowCount() > all);

    // Selection by name and by clicking a loser row (it selects its attribute).
    QVERIFY(table.select_attribute("first_name"));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.takeFirst().at(0).toString(), QString("first_name"));
    QStandardItem* full = attr_item(table, "full_name");
    QModelIndex loser =
        static_cast<QSortFilterProxyModel*>(proxy)->mapFromSource(full->child(0, 2)->index());
    table.tree_view()->scrollTo(loser);
    QTest::mouseClick(table.tree_view()->viewport(), Qt::LeftButton, {},
                      table.tree_view()->visualRect(loser).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.takeFirst().at(0).toString(), QString("full_name"));
    QCOMPARE(table.selected_attribute(), QString("full_name"));
    // A refresh keeps it, silently.
    table.show_rows(attrs_of(*session, "foo", true));
    QCOMPARE(table.selected_attribute(), QString("full_name"));
    QCOMPARE(selected.count(), 0);
    QVERIFY(!table.select_attribute("nope"));
}

void TestTables::screenshots() {
    auto session = load_demo("descriptor-protocol.json");
    QVERIFY(session);
    QVERIFY(run(*session, "bar = Person('Carrie-Anne', 'Moss')").ok);
    QVERIFY(run(*session, "foo.score").ok);

    ModelTree tree;
    tree.resize(300, 520);
    fill_tree(tree, *session);
    tree.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tree));
    tree.select("foo");
    QVERIFY(tree.grab().save(shots_dir() + "/ds-modeltree.png"));

    StateView state;
    state.resize(560, 240);
    state.show();
    QVERIFY(QTest::qWaitForWindowExposed(&state));
    state.set_flash_duration(60000); // hold the flash for the picture
    state.show_state("foo", state_of(*session, "foo"));
    QVERIFY(run(*session, "foo.first_name = 'Neo'").ok);
    state.show_state("foo", state_of(*session, "foo"));
    state.table_view()->selectRow(state_row(state, "last_name"));
    QVERIFY(state.grab().save(shots_dir() + "/ds-stateview.png"));

    auto diamond = load_demo("diamond.json");
    QVERIFY(diamond);
    QVERIFY(run(*diamond, "del bottom.side").ok);
    StateView slotted;
    slotted.resize(560, 240);
    slotted.show();
    QVERIFY(QTest::qWaitForWindowExposed(&slotted));
    slotted.show_state("bottom", state_of(*diamond, "bottom"));
    QVERIFY(slotted.grab().save(shots_dir() + "/ds-stateview-slots.png"));

    QVERIFY(run(*session, "foo.__dict__['full_name'] = 'x'").ok);
    AttributeTable table;
    table.resize(820, 520);
    table.show_rows(attrs_of(*session, "foo"));
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    table.select_attribute("full_name");
    QVERIFY(table.grab().save(shots_dir() + "/ds-attributetable.png"));

    table.show_rows(attrs_of(*diamond, "Bottom"));
    QVERIFY(table.grab().save(shots_dir() + "/ds-attributetable-class.png"));

    auto modules = load_demo("module-properties.json");
    QVERIFY(modules);
    table.show_rows(attrs_of(*modules, "lazy"));
    QVERIFY(table.grab().save(shots_dir() + "/ds-attributetable-module.png"));

    auto stores = load_demo("external-storage.json");
    QVERIFY(stores);
    ModelTree other;
    other.resize(300, 520);
    fill_tree(other, *stores);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    QVERIFY(other.grab().save(shots_dir() + "/ds-modeltree-stores.png"));
    QTest::keyClicks(tree.filter_edit(), "er");
    QVERIFY(tree.grab().save(shots_dir() + "/ds-modeltree-filtered.png"));
    qInfo("screenshots in %s: ds-modeltree.png ds-stateview.png ds-stateview-slots.png "
          "ds-attributetable.png "
          "ds-attributetable-class.png ds-attributetable-module.png ds-modeltree-stores.png "
          "ds-modeltree-filtered.png",
          qPrintable(shots_dir()));
}

QTEST_MAIN(TestTables)
#include "tst_tables.moc"
