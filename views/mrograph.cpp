#include "mrograph.h"

#include "graphlayout.h"
#include "theme.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ds {

namespace {

// Scene text uses pixel-sized fonts so that text and boxes scale together on every paint
// device (screen, SVG, PDF), whatever its resolution.
QFont pixel_font(QFont f, double scale = 1.0) {
    double px = f.pointSizeF() > 0 ? f.pointSizeF() * 96.0 / 72.0 : f.pixelSize();
    f.setPixelSize(std::max(1, int(std::lround(px * scale))));
    return f;
}

QFont name_font(bool focus) {
    QFont f = pixel_font(theme::ui_font(), 1.1);
    f.setBold(focus);
    return f;
}

QFont badge_font() {
    QFont f = pixel_font(theme::ui_font(), 0.85);
    f.setBold(true);
    return f;
}

QFont edge_label_font() {
    QFont f = pixel_font(theme::ui_font(), 0.9);
    f.setItalic(true);
    return f;
}

constexpr double max_fit_zoom = 1.5; // a small graph is enlarged a little, not blown up
constexpr double pad_x = 14, pad_y = 8, badge_gap = 7, corner = 5, min_width = 64;

double badge_diameter() {
    return std::ceil(QFontMetricsF(badge_font()).height()) + 4;
}

const QString metaclass_label = QStringLiteral("metaclass");

} // namespace

// ---- nodes ---------------------------------------------------------------------------------

QSizeF ClassNodeItem::measure(const ClassNode& node) {
    QFontMetricsF fm(name_font(node.mro_index == 0));
    // Bold is measured for every node so that selecting another focus keeps the sizes.
    QFontMetricsF bold(name_font(true));
    double text_w = std::max(fm.horizontalAdvance(QString::fromStdString(node.name)),
                             bold.horizontalAdvance(QString::fromStdString(node.name)));
    double w = text_w + 2 * pad_x;
    double h = std::max(fm.height(), badge_diameter()) + 2 * pad_y;
    if (node.mro_index >= 0) w += badge_diameter() + badge_gap;
    return {std::ceil(std::max(w, min_width)), std::ceil(h)};
}

ClassNodeItem::ClassNodeItem(const ClassNode& node, QSizeF size)
    : name_(QString::fromStdString(node.name)), mro_index_(node.mro_index), builtin_(node.builtin),
      metaclass_(node.is_metaclass), box_(QPointF(-size.width() / 2, -size.height() / 2), size) {
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::NoButton); // clicks are the view's (it tells a click from a pan)
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    setToolTip(name_);
}

void ClassNodeItem::set_highlighted(bool on) {
    if (on == highlighted_) return;
    highlighted_ = on;
    update();
}

QRectF ClassNodeItem::boundingRect() const {
    return box_.adjusted(-2, -2, 2, 2);
}

QPainterPath ClassNodeItem::shape() const {
    QPainterPath p;
    p.addRoundedRect(box_, corner, corner);
    return p;
}

void ClassNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const theme::Palette& pal = theme::palette();
    QColor fill = builtin_ ? pal.background : pal.surface;
    QColor border = pal.border;
    QColor text = builtin_ ? pal.muted : pal.text;
    QColor badge = builtin_ ? pal.miss : pal.muted;
    double border_w = theme::line_width(1.2);
    if (is_focus()) {
        border = pal.text;
        border_w = theme::line_width(1.6);
        badge = pal.text;
    }
    if (highlighted_) {
        fill = pal.accent_soft;
        border = pal.accent;
        text = pal.accent;
        badge = pal.accent;
        border_w = theme::line_width(2.0);
    }
    if (hovered_ && !highlighted_) border = pal.text;

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(border, border_w));
    painter->setBrush(fill);
    double inset = border_w / 2;
    painter->drawRoundedRect(box_.adjusted(inset, inset, -inset, -inset), corner, corner);

    QFont font = name_font(is_focus() || highlighted_);
    QFontMetricsF fm(font);
    double text_w = fm.horizontalAdvance(name_);
    double content_w = text_w;
    double d = badge_diameter();
    if (mro_index_ >= 0) content_w += d + badge_gap;
    double x = box_.center().x() - content_w / 2;

    if (mro_index_ >= 0) {
        QRectF circle(x, box_.center().y() - d / 2, d, d);
        painter->setPen(Qt::NoPen);
        painter->setBrush(badge);
        painter->drawEllipse(circle);
        painter->setFont(badge_font());
        painter->setPen(pal.surface);
        painter->drawText(circle, Qt::AlignCenter, QString::number(mro_index_));
        x += d + badge_gap;
    }
    painter->setFont(font);
    painter->setPen(text);
    painter->drawText(QRectF(x, box_.top(), text_w + 1, box_.height()),
                      Qt::AlignVCenter | Qt::AlignLeft, name_);
}

void ClassNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
    hovered_ = true;
    update();
}

void ClassNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    hovered_ = false;
    update();
}

// ---- edges ---------------------------------------------------------------------------------

ClassEdgeItem::ClassEdgeItem(QString from, QString to, bool metaclass, QPainterPath path,
                             bool has_arrow, QPointF arrow_tip, bool has_label, QPointF label_pos)
    : from_(std::move(from)), to_(std::move(to)), metaclass_(metaclass), path_(std::move(path)),
      has_arrow_(has_arrow), arrow_tip_(arrow_tip), has_label_(has_label), label_pos_(label_pos) {
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(metaclass_
                  ? -1
                  : 0); // the inheritance lines are the picture; metaclass lines go under them
    bounds_ = path_.boundingRect();
    if (has_arrow_) bounds_ = bounds_.united(arrow_head().boundingRect());
    if (has_label_) bounds_ = bounds_.united(label_rect());
    bounds_.adjust(-3, -3, 3, 3);
}

QRectF ClassEdgeItem::boundingRect() const {
    return bounds_;
}

QPolygonF ClassEdgeItem::arrow_head() const {
    QPointF base = path_.currentPosition();
    QPointF d = arrow_tip_ - base;
    double len = std::hypot(d.x(), d.y());
    if (len < 1e-6) { // no room left by the layout: aim along the end of the curve
        d = path_.pointAtPercent(1.0) - path_.pointAtPercent(0.95);
        len = std::hypot(d.x(), d.y());
        if (len < 1e-6) return {};
        d = d / len * 9.0;
        base = arrow_tip_ - d;
        len = 9.0;
    }
    QPointF normal(-d.y() / len, d.x() / len);
    double half = len * 0.42;
    return QPolygonF({arrow_tip_, base + normal * half, base - normal * half});
}

QRectF ClassEdgeItem::label_rect() const {
    // Where Graphviz made room for it, beside the line.
    QFontMetricsF fm(edge_label_font());
    QSizeF size(fm.horizontalAdvance(metaclass_label) + 6, fm.height());
    return QRectF(label_pos_ - QPointF(size.width() / 2, size.height() / 2), size);
}

void ClassEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const theme::Palette& pal = theme::palette();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor colour = metaclass_ ? pal.muted : pal.edge;
    QPen pen(colour, theme::line_width(metaclass_ ? 1.2 : 1.4), Qt::SolidLine, Qt::RoundCap,
             Qt::RoundJoin);
    if (metaclass_) pen.setDashPattern({4, 3});
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);
    if (has_arrow_) {
        QPolygonF head = arrow_head();
        if (!head.isEmpty()) {
            if (metaclass_) { // open arrowhead, the shaft runs to the tip
                pen.setStyle(Qt::SolidLine);
                painter->setPen(pen);
                painter->drawLine(path_.currentPosition(), arrow_tip_);
                painter->drawPolyline(QPolygonF({head[1], head[0], head[2]}));
            } else {
                painter->setPen(QPen(colour, theme::line_width(1.0), Qt::SolidLine, Qt::RoundCap,
                                     Qt::RoundJoin));
                painter->setBrush(colour);
                painter->drawPolygon(head);
            }
        }
    }
    if (has_label_) {
        QRectF r = label_rect(); // a halo of background, in case a line runs behind the label
        painter->setPen(Qt::NoPen);
        painter->setBrush(pal.background);
        painter->drawRoundedRect(r, r.height() / 2, r.height() / 2);
        painter->setFont(edge_label_font());
        painter->setPen(pal.muted);
        painter->drawText(label_rect(), Qt::AlignCenter, metaclass_label);
    }
}

// ---- scene ---------------------------------------------------------------------------------

MroGraphScene::MroGraphScene(QObject* parent) : QGraphicsScene(parent) {
    setBackgroundBrush(theme::palette().background);
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
}

QString MroGraphScene::focus_class() const {
    for (ClassNodeItem* n : nodes_)
        if (n->is_focus()) return n->name();
    return {};
}

ClassNodeItem* MroGraphScene::node(const QString& name) const {
    for (ClassNodeItem* n : nodes_)
        if (n->name() == name) return n;
    return nullptr;
}

void MroGraphScene::clear_graph() {
    clear(); // deletes the items
    nodes_.clear();
    edges_.clear();
    key_.clear();
    setSceneRect(QRectF());
}

void MroGraphScene::set_highlight(const QString& class_name) {
    highlight_ = class_name;
    for (ClassNodeItem* n : nodes_)
        n->set_highlighted(!class_name.isEmpty() && n->name() == class_name);
}

static QString graph_key(const ClassGraph& g) {
    QString key = QString::number(name_font(false).pixelSize()) + QLatin1Char('|');
    for (const ClassNode& n : g.nodes)
        key += QString::fromStdString(n.name) + QLatin1Char(',') + QString::number(n.mro_index) +
               QLatin1Char(n.builtin ? 'b' : '-') + QLatin1Char(n.is_metaclass ? 'm' : '-') +
               QLatin1Char(';');
    key += QLatin1Char('|');
    for (const ClassEdge& e : g.edges)
        key +=
            QString::fromStdString(e.subclass + ">" + e.base + ":" + std::to_string(e.order) + ";");
    key += QLatin1Char('|');
    for (const ClassEdge& e : g.metaclass_edges)
        key += QString::fromStdString(e.subclass + ">" + e.base + ";");
    return key;
}

void MroGraphScene::show_graph(const ClassGraph& graph, const QString& highlight_class) {
    QString key = graph_key(graph);
    if (key == key_ && !nodes_.empty()) {
        set_highlight(highlight_class);
        return;
    }
    clear_graph();
    key_ = key;

    std::map<std::string, int> index;
    std::vector<LayoutNode> layout_nodes;
    std::vector<QSizeF> sizes;
    for (const ClassNode& n : graph.nodes) {
        if (index.count(n.name)) continue;
        index[n.name] = int(sizes.size());
        sizes.push_back(ClassNodeItem::measure(n));
        layout_nodes.push_back({sizes.back()});
    }

    // Inheritance edges, grouped by subclass in node order and in declared base order, so
    // that `ordering=out` keeps each class's bases left to right as written.
    std::vector<ClassEdge> inherit;
    for (const ClassEdge& e : graph.edges)
        if (index.count(e.subclass) && index.count(e.base)) inherit.push_back(e);
    std::stable_sort(inherit.begin(), inherit.end(), [&](const ClassEdge& a, const ClassEdge& b) {
        int ia = index[a.subclass], ib = index[b.subclass];
        return ia != ib ? ia < ib : a.order < b.order;
    });

    // Metaclass edges: the focus class's own, and where a metaclass comes in (a class none of
    // whose bases has the same metaclass edge); the inherited ones would only repeat them.
    std::set<std::pair<std::string, std::string>> meta_pairs;
    for (const ClassEdge& e : graph.metaclass_edges) meta_pairs.insert({e.subclass, e.base});
    std::string focus;
    for (const ClassNode& n : graph.nodes)
        if (n.mro_index == 0) focus = n.name;
    std::vector<ClassEdge> meta;
    for (const ClassEdge& e : graph.metaclass_edges) {
        if (!index.count(e.subclass) || !index.count(e.base)) continue;
        bool inherited = std::any_of(inherit.begin(), inherit.end(), [&](const ClassEdge& b) {
            return b.subclass == e.subclass && meta_pairs.count({b.base, e.base});
        });
        if (e.subclass == focus || !inherited) meta.push_back(e);
    }

    std::vector<LayoutEdge> layout_edges;
    for (const ClassEdge& e : inherit) layout_edges.push_back({index[e.subclass], index[e.base]});
    double label_pt = edge_label_font().pixelSize() * 72.0 / 96.0;
    for (const ClassEdge& e : meta) {
        LayoutEdge le{index[e.subclass], index[e.base]};
        le.constraint = false;
        le.label = metaclass_label;
        le.label_font_pt = label_pt;
        layout_edges.push_back(le);
    }

    LayoutOptions options;
    GraphLayout layout = layout_dot(layout_nodes, layout_edges, options);
    graphviz_ = layout.ok;

    std::vector<const ClassNode*> unique_nodes;
    {
        std::set<std::string> seen;
        for (const ClassNode& n : graph.nodes)
            if (seen.insert(n.name).second) unique_nodes.push_back(&n);
    }
    for (size_t i = 0; i < unique_nodes.size(); ++i) {
        auto* item = new ClassNodeItem(*unique_nodes[i], sizes[i]);
        item->setPos(layout.centres[i]);
        addItem(item);
        nodes_.push_back(item);
    }
    for (size_t i = 0; i < layout_edges.size(); ++i) {
        const EdgeRoute& r = layout.edges[i];
        QPainterPath path;
        if (!r.points.empty()) {
            path.moveTo(r.points[0]);
            for (size_t k = 1; k + 2 < r.points.size(); k += 3)
                path.cubicTo(r.points[k], r.points[k + 1], r.points[k + 2]);
        }
        bool is_meta = i >= inherit.size();
        const ClassEdge& e = is_meta ? meta[i - inherit.size()] : inherit[i];
        auto* item =
            new ClassEdgeItem(QString::fromStdString(e.subclass), QString::fromStdString(e.base),
                              is_meta, path, r.has_arrow, r.arrow_tip, r.has_label, r.label_pos);
        addItem(item);
        edges_.push_back(item);
    }
    QRectF bounds = layout.bounds;
    for (ClassNodeItem* n : nodes_) bounds = bounds.united(n->sceneBoundingRect());
    for (ClassEdgeItem* e : edges_) bounds = bounds.united(e->sceneBoundingRect());
    setSceneRect(bounds.adjusted(-24, -24, 24, 24));
    set_highlight(highlight_class);
}

// ---- view ----------------------------------------------------------------------------------

MroGraphView::MroGraphView(QWidget* parent)
    : QGraphicsView(parent), scene_(new MroGraphScene(this)) {
    setScene(scene_);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAlignment(Qt::AlignCenter);
}

void MroGraphView::show_graph(const ClassGraph& graph, const QString& highlight_class) {
    QString before = scene_->focus_class();
    size_t count_before = scene_->nodes().size();
    scene_->show_graph(graph, highlight_class);
    // A new graph is fitted; the same graph shown again keeps the user's zoom and scroll.
    if (scene_->focus_class() != before || scene_->nodes().size() != count_before || auto_fit_) {
        auto_fit_ = true;
        fit();
    }
}

void MroGraphView::set_highlight(const QString& class_name) {
    scene_->set_highlight(class_name);
}

void MroGraphView::apply_theme() {
    scene_->setBackgroundBrush(theme::palette().background);
    scene_->update();
}

void MroGraphView::fit() {
    QRectF rect = scene_->sceneRect();
    if (rect.isEmpty() || viewport()->width() < 2 || viewport()->height() < 2) {
        resetTransform();
        return;
    }
    double s = std::min(viewport()->width() / rect.width(), viewport()->height() / rect.height());
    s = std::clamp(s, 0.05, max_fit_zoom);
    setTransform(QTransform::fromScale(s, s));
    centerOn(rect.center());
}

void MroGraphView::reset_zoom() {
    auto_fit_ = false;
    ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setTransform(QTransform());
    setTransformationAnchor(anchor);
}

void MroGraphView::zoom_in() {
    zoom_by(1.25, false);
}
void MroGraphView::zoom_out() {
    zoom_by(1 / 1.25, false);
}

void MroGraphView::zoom_by(double factor, bool under_mouse) {
    double current = zoom_factor();
    double target = std::clamp(current * factor, 0.1, 8.0);
    if (std::abs(target - current) < 1e-9) return;
    auto_fit_ = false;
    ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(under_mouse ? QGraphicsView::AnchorUnderMouse
                                        : QGraphicsView::AnchorViewCenter);
    scale(target / current, target / current);
    setTransformationAnchor(anchor);
}

void MroGraphView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        int delta = event->angleDelta().y();
        if (delta != 0) zoom_by(std::pow(1.0015, delta), true);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void MroGraphView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom_in();
        return;
    case Qt::Key_Minus:
        zoom_out();
        return;
    case Qt::Key_0:
        if (!(event->modifiers() & Qt::ControlModifier)) { // Ctrl+0 is the window's font zoom
            auto_fit_ = true;
            fit();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void MroGraphView::mousePressEvent(QMouseEvent* event) {
    pressed_ = event->button() == Qt::LeftButton;
    press_pos_ = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void MroGraphView::mouseReleaseEvent(QMouseEvent* event) {
    QGraphicsView::mouseReleaseEvent(event);
    if (!pressed_ || event->button() != Qt::LeftButton) return;
    pressed_ = false;
    QPoint pos = event->position().toPoint();
    if ((pos - press_pos_).manhattanLength() >= QApplication::startDragDistance()) return; // a pan
    for (QGraphicsItem* item : items(pos))
        if (auto* node = qgraphicsitem_cast<ClassNodeItem*>(item)) {
            emit classActivated(node->name());
            return;
        }
}

void MroGraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (auto_fit_) fit();
}

} // namespace ds
