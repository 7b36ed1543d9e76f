#include "modeltree.h"

#include "theme.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <map>

namespace ds {

namespace {

constexpr int GroupKind = -1;

// A small shape per kind: class = square, instance = circle, module = diamond, store = drum.
void draw_glyph(QPainter& p, const QRectF& r, int kind, bool builtin) {
    const auto& t = theme::palette();
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QRectF g = r.adjusted(1.5, 1.5, -1.5, -1.5);
    QColor ink = builtin ? t.muted : t.text;
    switch (ObjectKind(kind)) {
    case ObjectKind::Class:
        p.setPen(QPen(ink, theme::line_width(1.3)));
        p.setBrush(builtin ? QBrush(t.surface) : QBrush(theme::blend(t.surface, ink, 0.18)));
        p.drawRoundedRect(g, 2.5, 2.5);
        break;
    case ObjectKind::Instance:
        p.setPen(QPen(t.edge, theme::line_width(1.3)));
        p.setBrush(theme::blend(t.surface, t.edge, 0.35));
        p.drawEllipse(g.adjusted(0.5, 0.5, -0.5, -0.5));
        break;
    case ObjectKind::Module: {
        QPainterPath d;
        d.moveTo(g.center().x(), g.top());
        d.lineTo(g.right(), g.center().y());
        d.lineTo(g.center().x(), g.bottom());
        d.lineTo(g.left(), g.center().y());
        d.closeSubpath();
        p.setPen(QPen(t.edge, theme::line_width(1.3)));
        p.setBrush(theme::blend(t.surface, t.edge, 0.35));
        p.drawPath(d);
        break;
    }
    case ObjectKind::Store: {
        double h = g.height() * 0.3;
        QRectF top(g.left(), g.top(), g.width(), h);
        QRectF bottom(g.left(), g.bottom() - h, g.width(), h);
        QPainterPath body;
        body.moveTo(g.left(), g.top() + h / 2);
        body.lineTo(g.left(), g.bottom() - h / 2);
        body.arcTo(bottom, 180, 180);
        body.lineTo(g.right(), g.top() + h / 2);
        p.setPen(QPen(t.edge, theme::line_width(1.3)));
        p.setBrush(theme::blend(t.surface, t.edge, 0.35));
        p.drawPath(body);
        p.drawEllipse(top);
        break;
    }
    case ObjectKind::Other:
        p.setPen(QPen(t.muted, theme::line_width(1.3)));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(g.center(), g.width() / 5, g.height() / 5);
        break;
    }
    p.restore();
}

// Name in the text colour, then the instance's class (or a group's count) muted.
class TreeDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        QFont f = font_for(index);
        s.setHeight(QFontMetrics(f).height() + 10);
        QFontMetrics fm(f);
        s.setWidth(28 + fm.horizontalAdvance(index.data().toString()) +
                   fm.horizontalAdvance(suffix(index)) + 12);
        return s;
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const auto& t = theme::palette();
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.icon = QIcon();
        opt.state &= ~QStyle::State_HasFocus;
        const QWidget* w = option.widget;
        QStyle* style = w ? w->style() : nullptr;
        if (style) style->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);

        int kind = index.data(ModelTree::KindRole).toInt();
        bool builtin = index.data(ModelTree::BuiltinRole).toBool();
        QRect r = option.rect.adjusted(4, 0, -4, 0);
        p->save();
        QFont f = font_for(index);
        p->setFont(f);
        QFontMetrics fm(f);
        if (kind != GroupKind) {
            int g = std::min(14, fm.height() - 2);
            QRectF glyph(r.left(), r.center().y() - g / 2.0 + 0.5, g, g);
            draw_glyph(*p, glyph, kind, builtin);
            r.setLeft(r.left() + g + 7);
        }
        QString text = index.data().toString();
        bool empty_group = kind == GroupKind && index.data(ModelTree::CountRole).toInt() == 0;
        p->setPen(builtin || empty_group ? t.muted : t.text);
        QString shown = fm.elidedText(text, Qt::ElideRight, r.width());
        p->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, shown);
        QString extra = suffix(index);
        if (!extra.isEmpty() && shown == text) {
            int x = r.left() + fm.horizontalAdvance(text);
            QFont sf = kind == GroupKind ? theme::ui_font() : f;
            p->setFont(sf);
            p->setPen(t.muted);
            QRect rest(x, r.top(), r.right() - x, r.height());
            p->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
                        QFontMetrics(sf).elidedText(extra, Qt::ElideRight, rest.width()));
        }
        p->restore();
    }

  private:
    static QFont font_for(const QModelIndex& index) {
        if (index.data(ModelTree::KindRole).toInt() == GroupKind) return theme::heading_font();
        return theme::code_font();
    }
    static QString suffix(const QModelIndex& index) {
        int kind = index.data(ModelTree::KindRole).toInt();
        if (kind == GroupKind) {
            return QStringLiteral("  %1").arg(index.data(ModelTree::CountRole).toInt());
        }
        QString type = index.data(ModelTree::TypeRole).toString();
        if (type.isEmpty()) return {};
        return QStringLiteral(": ") + type;
    }
};

QStandardItem* make_item(const QString& text, const QString& name, int kind, const QString& type,
                         const QString& key) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(name, ModelTree::NameRole);
    item->setData(kind, ModelTree::KindRole);
    item->setData(type, ModelTree::TypeRole);
    item->setData(key, ModelTree::KeyRole);
    item->setData(false, ModelTree::BuiltinRole);
    if (kind == GroupKind) item->setSelectable(false);
    return item;
}

QString kind_key(ObjectKind k) {
    switch (k) {
    case ObjectKind::Class:
        return QStringLiteral("class:");
    case ObjectKind::Instance:
        return QStringLiteral("instance:");
    case ObjectKind::Module:
        return QStringLiteral("module:");
    case ObjectKind::Store:
        return QStringLiteral("store:");
    case ObjectKind::Other:
        return QStringLiteral("other:");
    }
    return {};
}

} // namespace

// Case-insensitive substring match on the name, recursive (a parent stays when a descendant
// matches). A new needle resets the model instead of filtering it row by row.
class NameFilterProxy : public QSortFilterProxyModel {
  public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void set_needle(const QString& needle) {
        if (needle == needle_) return;
        beginResetModel();
        needle_ = needle;
        endResetModel();
    }

  protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (needle_.isEmpty()) return true;
        QModelIndex i = sourceModel()->index(row, 0, parent);
        return i.data(ModelTree::NameRole).toString().contains(needle_, Qt::CaseInsensitive);
    }

  private:
    QString needle_;
};

ModelTree::ModelTree(QWidget* parent) : QWidget(parent) {
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter names"));
    filter_->setClearButtonEnabled(true);

    model_ = new QStandardItemModel(this);
    proxy_ = new NameFilterProxy(this);
    proxy_->setSourceModel(model_);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterRole(NameRole);
    proxy_->setFilterKeyColumn(0);

    view_ = new QTreeView(this);
    view_->setModel(proxy_);
    view_->setHeaderHidden(true);
    view_->setUniformRowHeights(true);
    view_->setItemDelegate(new TreeDelegate(view_));
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setFrameShape(QFrame::NoFrame);
    view_->setIndentation(16);
    view_->setAnimated(false);
    view_->header()->setStretchLastSection(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(filter_);
    layout->addWidget(view_);

    connect(filter_, &QLineEdit::textChanged, this, &ModelTree::on_filter_changed);
    connect(
        view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& current, const QModelIndex&) { on_current_changed(current); });
    apply_theme();
}

QAbstractItemModel* ModelTree::shown_model() const {
    return proxy_;
}

void ModelTree::apply_theme() {
    const auto& t = theme::palette();
    QPalette p = theme::view_palette(palette());
    setPalette(p);
    setAutoFillBackground(true);
    view_->setPalette(p);
    filter_->setFont(theme::ui_font());
    QPalette fp = filter_->palette();
    fp.setColor(QPalette::Base, t.surface);
    fp.setColor(QPalette::Text, t.text);
    fp.setColor(QPalette::PlaceholderText, t.muted);
    filter_->setPalette(fp);
    view_->setFont(theme::code_font());
    if (!objects_.empty() || !classes_.nodes.empty()) rebuild();
    view_->viewport()->update();
}

void ModelTree::clear() {
    objects_.clear();
    classes_ = ClassGraph{};
    first_fill_ = true;
    rebuild();
}

void ModelTree::show_objects(const std::vector<NamedObject>& objects,
                             const ClassGraph& all_classes) {
    objects_.clear();
    objects_.reserve(objects.size());
    for (const NamedObject& o : objects) objects_.push_back({o.name, o.kind, o.type_name});
    classes_ = all_classes;
    rebuild();
}

ModelTree::ViewState ModelTree::save_state() const {
    ViewState st;
    st.scroll = view_->verticalScrollBar()->value();
    for (auto it = by_key_.begin(); it != by_key_.end(); ++it) {
        if (!it.value()->hasChildren()) continue;
        QModelIndex pi = proxy_->mapFromSource(it.value()->index());
        if (pi.isValid() && view_->isExpanded(pi)) st.expanded.insert(it.key());
    }
    QModelIndex cur = view_->currentIndex();
    if (cur.isValid()) st.current = cur.data(KeyRole).toString();
    return st;
}

void ModelTree::restore_state(const ViewState& st, bool keep_scroll) {
    restoring_ = true;
    if (filter_->text().isEmpty()) {
        for (const QString& key : st.expanded)
            if (QStandardItem* it = by_key_.value(key))
                view_->setExpanded(proxy_->mapFromSource(it->index()), true);
    } else {
        view_->expandAll();
    }
    QModelIndex pi;
    if (QStandardItem* it = by_key_.value(st.current)) pi = proxy_->mapFromSource(it->index());
    if (pi.isValid()) {
        for (QModelIndex p = pi.parent(); p.isValid(); p = p.parent()) view_->setExpanded(p, true);
        view_->selectionModel()->setCurrentIndex(pi, QItemSelectionModel::ClearAndSelect);
    }
    if (keep_scroll)
        view_->verticalScrollBar()->setValue(st.scroll);
    else if (pi.isValid())
        view_->scrollTo(pi);
    restoring_ = false;
}

void ModelTree::rebuild() {
    // What to keep: expanded rows, the current row and the scroll position, by key.
    bool had_rows = model_->rowCount() > 0;
    ViewState st = save_state();

    // Build the whole tree detached, then hand it to the model in one go.
    std::map<std::string, const Shown*> by_name;
    for (const Shown& o : objects_) by_name.emplace(o.name, &o);

    auto* classes = make_item(tr("Classes"), {}, GroupKind, {}, QStringLiteral("group:classes"));
    auto* instances =
        make_item(tr("Instances"), {}, GroupKind, {}, QStringLiteral("group:instances"));
    auto* modules = make_item(tr("Modules"), {}, GroupKind, {}, QStringLiteral("group:modules"));
    auto* stores = make_item(tr("Stores"), {}, GroupKind, {}, QStringLiteral("group:stores"));
    auto* others = make_item(tr("Other names"), {}, GroupKind, {}, QStringLiteral("group:other"));
    by_key_.clear();
    by_name_.clear();
    auto index = [this](QStandardItem* item) {
        by_key_.insert(item->data(KeyRole).toString(), item);
        QString name = item->data(NameRole).toString();
        if (!name.isEmpty() && !by_name_.contains(name)) by_name_.insert(name, item);
    };

    // Classes: each under its first declared base; classes without bases are roots.
    std::map<std::string, QStandardItem*> class_items;
    std::map<std::string, std::string> first_base;
    for (const ClassEdge& e : classes_.edges)
        if (e.order == 0) first_base.emplace(e.subclass, e.base);
    std::vector<QStandardItem*> class_order;
    for (const ClassNode& n : classes_.nodes) {
        if (class_items.count(n.name)) continue;
        QString name = QString::fromStdString(n.name);
        auto* item =
            make_item(name, name, int(ObjectKind::Class), {}, QStringLiteral("class:") + name);
        item->setData(n.builtin, BuiltinRole);
        QString tip = n.builtin ? tr("builtin class %1").arg(name) : tr("class %1").arg(name);
        auto it = by_name.find(n.name);
        if (it != by_name.end() && it->second->type_name != "type")
            tip += tr(", metaclass %1").arg(QString::fromStdString(it->second->type_name));
        item->setToolTip(tip);
        class_items.emplace(n.name, item);
        class_order.push_back(item);
    }
    for (QStandardItem* item : class_order) {
        std::string name = item->data(NameRole).toString().toStdString();
        auto base = first_base.find(name);
        QStandardItem* parent = classes;
        if (base != first_base.end()) {
            auto p = class_items.find(base->second);
            if (p != class_items.end()) parent = p->second;
        }
        parent->appendRow(item);
    }
    // Globals: instances, modules, stores, other names (in definition order). A class bound to
    // a second global name (an alias) is not repeated.
    for (const Shown& o : objects_) {
        QString name = QString::fromStdString(o.name);
        QStandardItem* group = nullptr;
        switch (o.kind) {
        case ObjectKind::Class:
            if (!class_items.count(o.name)) {
                auto* item = make_item(name, name, int(o.kind), {}, kind_key(o.kind) + name);
                class_items.emplace(o.name, item);
                classes->appendRow(item);
            }
            continue;
        case ObjectKind::Instance:
            group = instances;
            break;
        case ObjectKind::Module:
            group = modules;
            break;
        case ObjectKind::Store:
            group = stores;
            break;
        case ObjectKind::Other:
            group = others;
            break;
        }
        QString type = QString::fromStdString(o.type_name);
        auto* item = make_item(name, name, int(o.kind), type, kind_key(o.kind) + name);
        item->setToolTip(QStringLiteral("%1: %2").arg(name, type));
        group->appendRow(item);
    }

    int model_classes = 0;
    for (const Shown& o : objects_)
        if (o.kind == ObjectKind::Class) ++model_classes;
    classes->setData(model_classes, CountRole);
    for (QStandardItem* g : {instances, modules, stores, others})
        g->setData(g->rowCount(), CountRole);

    // Index breadth first (a name is found at its shallowest place).
    std::vector<QStandardItem*> queue{classes, instances, modules, stores, others};
    for (size_t i = 0; i < queue.size(); ++i) {
        index(queue[i]);
        for (int r = 0; r < queue[i]->rowCount(); ++r) queue.push_back(queue[i]->child(r));
    }

    restoring_ = true;
    view_->setUpdatesEnabled(false);
    model_->clear();
    model_->setColumnCount(1);
    for (QStandardItem* g : {classes, instances, modules, stores}) model_->appendRow(g);
    if (others->rowCount() > 0) {
        model_->appendRow(others);
    } else {
        by_key_.remove(others->data(KeyRole).toString());
        delete others;
    }

    if (!had_rows || first_fill_) {
        // First fill: groups open; a small class tree open entirely, a big one one level deep.
        st.expanded.clear();
        for (int r = 0; r < model_->rowCount(); ++r)
            st.expanded.insert(model_->item(r)->data(KeyRole).toString());
        bool small = class_order.size() <= 200;
        std::function<void(QStandardItem*, int)> open = [&](QStandardItem* it, int depth) {
            for (int r = 0; r < it->rowCount(); ++r) {
                QStandardItem* c = it->child(r);
                if (!c->hasChildren() || (!small && depth > 0)) continue;
                st.expanded.insert(c->data(KeyRole).toString());
                open(c, depth + 1);
            }
        };
        open(classes, 0);
        first_fill_ = objects_.empty() && classes_.nodes.empty(); // an empty tree stays "new"
    }
    restore_state(st, true); // under a filter: everything open
    if (unfiltered_) unfiltered_->current = st.current;
    view_->setUpdatesEnabled(true);
    restoring_ = false;
}

QStandardItem* ModelTree::find_item(const QString& what, bool by_key) const {
    return by_key ? by_key_.value(what) : by_name_.value(what);
}

bool ModelTree::select(const QString& name) {
    QStandardItem* it = find_item(name, false);
    if (!it) return false;
    QModelIndex pi = proxy_->mapFromSource(it->index());
    if (!pi.isValid()) {
        filter_->clear(); // the filter hides it
        pi = proxy_->mapFromSource(it->index());
        if (!pi.isValid()) return false;
    }
    for (QModelIndex p = pi.parent(); p.isValid(); p = p.parent()) view_->setExpanded(p, true);
    view_->selectionModel()->setCurrentIndex(pi, QItemSelectionModel::ClearAndSelect);
    view_->scrollTo(pi);
    return true;
}

QString ModelTree::selected_name() const {
    QModelIndex cur = view_->currentIndex();
    if (!cur.isValid() || !view_->selectionModel()->isSelected(cur)) return {};
    return cur.data(NameRole).toString();
}

void ModelTree::on_filter_changed(const QString& text) {
    // The proxy is reset rather than filtered row by row: on thousands of classes, removing
    // rows one range at a time costs far more than letting the view ask again.
    ViewState st = save_state();
    if (!unfiltered_)
        unfiltered_ = st; // the unfiltered view to come back to
    else
        unfiltered_->current = st.current;
    view_->setUpdatesEnabled(false);
    proxy_->set_needle(text);
    if (text.isEmpty()) {
        ViewState back = *unfiltered_;
        unfiltered_.reset();
        restore_state(back, false);
    } else {
        restore_state(st, false);
        if (!view_->currentIndex().isValid()) view_->scrollToTop();
    }
    view_->setUpdatesEnabled(true);
}

void ModelTree::on_current_changed(const QModelIndex& current) {
    if (restoring_ || !current.isValid()) return;
    if (current.data(KindRole).toInt() == GroupKind) return;
    QString name = current.data(NameRole).toString();
    if (name.isEmpty()) return;
    emit objectSelected(name);
}

void ModelTree::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) apply_theme();
}

void ModelTree::render_to(QPainter& painter, const QRectF& target) {
    theme::render_widget(*this, painter, target);
}

} // namespace ds
