#include "attributetable.h"

#include "theme.h"

#include <QCheckBox>
#include <QContextMenuEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace ds {

namespace {

// Selection and background from the style, then the text with even padding in the item's own
// font (struck through on losers) and colour.
class TableDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QFontMetrics fm(opt.font);
        int h = std::max(QFontMetrics(theme::code_font()).height(),
                         QFontMetrics(theme::ui_font()).height());
        // A little slack so that a column sized to its contents never shows an ellipsis.
        QString store = index.data(AttributeTable::StoreRole).toString();
        int badge = store.isEmpty() || index.column() != AttributeTable::NameColumn
                        ? 0
                        : int(theme::tag_width(badge_text(store))) + 8;
        return QSize(
            std::min(fm.horizontalAdvance(opt.text) + 2 * theme::kCellPadding + 6 + badge, 560),
            h + 12);
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QString text = opt.text;
        opt.text.clear();
        opt.state &= ~QStyle::State_HasFocus;
        const QWidget* w = option.widget;
        if (QStyle* style = w ? w->style() : nullptr)
            style->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);
        p->save();
        QRect r = option.rect.adjusted(theme::kCellPadding, 0, -theme::kCellPadding, 0);
        p->setFont(opt.font);
        QVariant fg = index.data(Qt::ForegroundRole);
        p->setPen(fg.isValid() ? fg.value<QColor>() : theme::palette().text);
        QString store = index.column() == AttributeTable::NameColumn
                            ? index.data(AttributeTable::StoreRole).toString()
                            : QString();
        QString badge = store.isEmpty() ? QString() : badge_text(store);
        int badge_space = badge.isEmpty() ? 0 : int(theme::tag_width(badge)) + 8;
        QFontMetrics fm(opt.font);
        QString shown = fm.elidedText(text, Qt::ElideRight, std::max(0, r.width() - badge_space));
        p->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, shown);
        if (!badge.isEmpty()) {
            double h = QFontMetricsF(theme::tag_font()).height();
            theme::draw_tag(*p,
                            QRectF(r.left() + fm.horizontalAdvance(shown) + 8,
                                   r.center().y() - h / 2, theme::tag_width(badge), h),
                            badge, false);
        }
        p->restore();
    }

    static QString badge_text(const QString& store) { return QStringLiteral("⇄ %1").arg(store); }
};

QStandardItem* cell(const QString& text, const QFont& font, const QColor& color,
                    const QString& name, bool loser, const QString& owner,
                    const QString& store = {}) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setFont(font);
    item->setForeground(color);
    item->setData(name, AttributeTable::NameRole);
    item->setData(loser, AttributeTable::LoserRole);
    item->setData(owner, AttributeTable::OwnerRole);
    item->setData(store, AttributeTable::StoreRole);
    return item;
}

} // namespace

QString AttributeTable::owner_label(const AttributeDefinition& d) {
    if (!d.owner.empty()) return QString::fromStdString(d.owner);
    if (d.what == "module attribute") return QStringLiteral("module __dict__");
    return QStringLiteral("instance __dict__");
}

AttributeTable::AttributeTable(QWidget* parent) : QWidget(parent) {
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter attributes"));
    filter_->setClearButtonEnabled(true);
    include_object_ = new QCheckBox(tr("show object's attributes"), this);
    caption_ = new QLabel(this);

    model_ = new QStandardItemModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterRole(NameRole);
    proxy_->setFilterKeyColumn(NameColumn);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    view_ = new QTreeView(this);
    view_->setModel(proxy_);
    view_->setItemDelegate(new TableDelegate(view_));
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(false);
    view_->setFrameShape(QFrame::NoFrame);
    view_->setIndentation(14);
    view_->setAnimated(false);
    view_->setRootIsDecorated(true);
    view_->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->header()->setHighlightSections(false);
    view_->header()->setStretchLastSection(true);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 6, 10, 6);
    bar->setSpacing(12);
    bar->addWidget(filter_, 1);
    bar->addWidget(include_object_);
    bar->addWidget(caption_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(view_);

    connect(filter_, &QLineEdit::textChanged, this, &AttributeTable::on_filter_changed);
    connect(include_object_, &QCheckBox::toggled, this, &AttributeTable::includeObjectChanged);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current, const QModelIndex&) {
                if (restoring_ || !current.isValid()) return;
                QString name = current.data(NameRole).toString();
                if (name.isEmpty() || name == current_name_) return;
                current_name_ = name;
                emit attributeSelected(name);
            });
    apply_theme();
    rebuild();
}

QAbstractItemModel* AttributeTable::shown_model() const {
    return proxy_;
}

bool AttributeTable::include_object() const {
    return include_object_->isChecked();
}

void AttributeTable::set_include_object(bool on) {
    include_object_->setChecked(on);
}

void AttributeTable::apply_theme() {
    const auto& t = theme::palette();
    QPalette p = theme::view_palette(palette());
    setPalette(p);
    setAutoFillBackground(true);
    view_->setPalette(p);
    view_->header()->setPalette(p);
    view_->header()->setFont(theme::ui_font());
    view_->header()->setStyleSheet(theme::header_css());
    view_->setFont(theme::code_font());
    filter_->setFont(theme::ui_font());
    QPalette fp = filter_->palette();
    fp.setColor(QPalette::Base, t.surface);
    fp.setColor(QPalette::Text, t.text);
    fp.setColor(QPalette::PlaceholderText, t.muted);
    filter_->setPalette(fp);
    include_object_->setFont(theme::ui_font());
    include_object_->setPalette(p);
    caption_->setFont(theme::ui_font());
    QPalette cp = caption_->palette();
    cp.setColor(QPalette::WindowText, t.muted);
    caption_->setPalette(cp);
    if (!rows_.empty()) rebuild();
}

void AttributeTable::clear() {
    rows_.clear();
    rebuild();
}

void AttributeTable::show_rows(const std::vector<AttributeRow>& rows) {
    rows_ = rows;
    rebuild();
}

void AttributeTable::rebuild() {
    const auto& t = theme::palette();
    QString keep = current_name_;
    restoring_ = true;
    view_->setUpdatesEnabled(false);
    model_->clear();
    model_->setHorizontalHeaderLabels({tr("name"), tr("kind"), tr("winner"), tr("value")});
    for (int c = 0; c < 4; ++c) {
        model_->horizontalHeaderItem(c)->setForeground(t.muted);
        model_->horizontalHeaderItem(c)->setFont(theme::ui_font());
    }

    QFont code = theme::code_font();
    QFont ui = theme::ui_font();
    QFont winner_font = ui; // the accent colour alone marks the winner: calmer than bold
    QFont struck_code = code;
    struck_code.setStrikeOut(true);
    QFont struck_ui = ui;
    struck_ui.setStrikeOut(true);

    for (const AttributeRow& row : rows_) {
        QString name = QString::fromStdString(row.name);
        const AttributeDefinition& w = row.winner;
        QString winner = owner_label(w);
        QString owner = QString::fromStdString(w.owner);
        QList<QStandardItem*> items{
            cell(name, code, t.text, name, false, owner, QString::fromStdString(row.store)),
            cell(QString::fromStdString(w.what), ui, t.text, name, false, owner),
            cell(winner, winner_font, t.accent, name, false, owner),
            cell(QString::fromStdString(w.repr), code, t.text, name, false, owner),
        };
        items[ValueColumn]->setToolTip(QString::fromStdString(w.repr));
        QString tip = tr("%1: %2 from %3").arg(name, QString::fromStdString(w.what), winner);
        if (!row.losers.empty())
            tip += tr(", hiding %n other definition(s)", nullptr, int(row.losers.size()));
        if (!row.store.empty())
            tip += tr("; reading it may call the store '%1' (hidden I/O)")
                       .arg(QString::fromStdString(row.store));
        items[NameColumn]->setToolTip(tip);
        for (const AttributeDefinition& l : row.losers) {
            QString lowner = QString::fromStdString(l.owner);
            QString losing = tr("%1 (%2) loses to %3 (%4)")
                                 .arg(owner_label(l), QString::fromStdString(l.what), winner,
                                      QString::fromStdString(w.what));
            QList<QStandardItem*> child{
                cell(QString(), code, t.muted, name, true, lowner),
                cell(QString::fromStdString(l.what), struck_ui, t.muted, name, true, lowner),
                cell(owner_label(l), struck_ui, t.muted, name, true, lowner),
                cell(QString::fromStdString(l.repr), struck_code, t.muted, name, true, lowner),
            };
            for (QStandardItem* c : child) c->setToolTip(losing);
            items[0]->appendRow(child);
        }
        model_->appendRow(items);
    }
    view_->expandAll();
    view_->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(WinnerColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);

    current_name_.clear();
    if (!keep.isEmpty()) {
        for (int r = 0; r < model_->rowCount(); ++r) {
            if (model_->item(r)->data(NameRole).toString() != keep) continue;
            QModelIndex pi = proxy_->mapFromSource(model_->index(r, 0));
            if (pi.isValid()) {
                view_->selectionModel()->setCurrentIndex(pi, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
                current_name_ = keep;
            }
            break;
        }
    }
    view_->setUpdatesEnabled(true);
    restoring_ = false;
    update_caption();
}

void AttributeTable::update_caption() {
    int shown = proxy_->rowCount();
    int total = model_->rowCount();
    if (shown == total)
        caption_->setText(total == 1 ? tr("1 name") : tr("%1 names").arg(total));
    else
        caption_->setText(tr("%1 of %2 names").arg(shown).arg(total));
}

void AttributeTable::on_filter_changed(const QString& text) {
    proxy_->setFilterFixedString(text);
    view_->expandAll();
    update_caption();
}

bool AttributeTable::select_attribute(const QString& name) {
    for (int r = 0; r < model_->rowCount(); ++r) {
        if (model_->item(r)->data(NameRole).toString() != name) continue;
        QModelIndex pi = proxy_->mapFromSource(model_->index(r, 0));
        if (!pi.isValid()) {
            filter_->clear();
            pi = proxy_->mapFromSource(model_->index(r, 0));
        }
        if (!pi.isValid()) return false;
        view_->selectionModel()->setCurrentIndex(pi, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
        view_->scrollTo(pi);
        return true;
    }
    return false;
}

QString AttributeTable::selected_attribute() const {
    return current_name_;
}

void AttributeTable::contextMenuEvent(QContextMenuEvent* event) {
    QModelIndex index = view_->indexAt(view_->viewport()->mapFrom(this, event->pos()));
    QModelIndex name_cell = index.siblingAtColumn(NameColumn);
    QString store = name_cell.data(StoreRole).toString();
    if (store.isEmpty()) return;
    QString name = name_cell.data(NameRole).toString();
    QMenu menu(this);
    menu.addAction(tr("Invalidate the cached %1 (calls the descriptor's invalidate)").arg(name),
                   this, [this, name] { emit invalidateRequested(name); });
    menu.exec(event->globalPos());
}

void AttributeTable::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) apply_theme();
}

void AttributeTable::render_to(QPainter& painter, const QRectF& target) {
    theme::render_widget(*this, painter, target);
}

} // namespace ds
