#include "stateview.h"

#include "theme.h"

#include <QAbstractTableModel>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>

namespace ds {

namespace {

const QString kUnset = QStringLiteral("<unset>");

// Background (flash, selection) from the style, then the text with even padding; slot rows get
// a small "slot" tag after the name.
class StateDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QFontMetrics fm(opt.font);
        int w = fm.horizontalAdvance(opt.text) + 2 * theme::kCellPadding +
                6; // slack: no ellipsis at the fit
        QString tag = index.data(StateView::TagRole).toString();
        if (index.column() == StateView::NameColumn && !tag.isEmpty())
            w += int(theme::tag_width(tag)) + 8;
        return QSize(std::min(w, 520),
                     std::max(fm.height(), QFontMetrics(theme::ui_font()).height()) + 12);
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const auto& t = theme::palette();
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
        QString tag = index.column() == StateView::NameColumn
                          ? index.data(StateView::TagRole).toString()
                          : QString();
        int tag_space = tag.isEmpty() ? 0 : int(theme::tag_width(tag)) + 8;
        QFontMetrics fm(opt.font);
        QString shown = fm.elidedText(text, Qt::ElideRight, std::max(0, r.width() - tag_space));
        p->setFont(opt.font);
        QVariant fg = index.data(Qt::ForegroundRole);
        p->setPen(fg.isValid() ? fg.value<QColor>() : t.text);
        p->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, shown);
        if (!tag.isEmpty()) {
            double h = QFontMetricsF(theme::tag_font()).height();
            QRectF pill(r.left() + fm.horizontalAdvance(shown) + 8, r.center().y() - h / 2,
                        theme::tag_width(tag), h);
            theme::draw_tag(*p, pill, tag, index.data(StateView::AlertRole).toBool());
        }
        p->restore();
    }
};

// A table that says what it would show when it has no rows.
class PlaceholderTable : public QTableView {
  public:
    using QTableView::QTableView;
    QString placeholder;

  protected:
    void paintEvent(QPaintEvent* e) override {
        QTableView::paintEvent(e);
        if (model() && model()->rowCount() > 0) return;
        QPainter p(viewport());
        p.setFont(theme::ui_font());
        p.setPen(theme::palette().muted);
        p.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, placeholder);
    }
};

} // namespace

class StateModel : public QAbstractTableModel {
  public:
    struct Row {
        StateEntry entry;
        QColor flash;    // invalid or transparent when not flashing
        double fade = 0; // an invalidation in progress: 0 .. 1
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : int(rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : 3;
    }

    QVariant headerData(int section, Qt::Orientation o, int role) const override {
        if (o != Qt::Horizontal) return {};
        if (role == Qt::DisplayRole) {
            switch (section) {
            case StateView::NameColumn:
                return QStringLiteral("name");
            case StateView::ValueColumn:
                return QStringLiteral("value");
            case StateView::TypeColumn:
                return QStringLiteral("type");
            }
        }
        if (role == Qt::FontRole) return theme::ui_font();
        if (role == Qt::ForegroundRole) return theme::palette().muted;
        if (role == Qt::TextAlignmentRole) return int(Qt::AlignLeft | Qt::AlignVCenter);
        return {};
    }

    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || index.row() >= int(rows.size())) return {};
        const Row& row = rows[size_t(index.row())];
        const StateEntry& e = row.entry;
        const auto& t = theme::palette();
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case StateView::NameColumn:
                return QString::fromStdString(e.name);
            case StateView::ValueColumn:
                return e.unset ? kUnset : QString::fromStdString(e.repr);
            case StateView::TypeColumn:
                return e.unset ? QString() : QString::fromStdString(e.type_name);
            }
            return {};
        case Qt::ToolTipRole:
            if (index.column() == StateView::ValueColumn)
                return e.unset ? tr_unset() : QString::fromStdString(e.repr);
            if (index.column() == StateView::NameColumn)
                return e.is_slot
                           ? QStringLiteral("slot %1").arg(QString::fromStdString(e.name))
                           : QStringLiteral("__dict__['%1']").arg(QString::fromStdString(e.name));
            return {};
        case Qt::FontRole: {
            if (index.column() == StateView::TypeColumn) return theme::ui_font();
            QFont f = theme::code_font();
            if (e.unset && index.column() == StateView::ValueColumn) f.setItalic(true);
            if (row.fade > 0) f.setStrikeOut(true);
            return f;
        }
        case Qt::ForegroundRole: {
            QColor c = index.column() == StateView::TypeColumn || e.unset ? t.muted : t.text;
            return row.fade > 0 ? theme::blend(c, t.surface, row.fade * 0.85) : c;
        }
        case StateView::TagRole: {
            if (e.is_slot) return QStringLiteral("slot");
            return tags.value(QString::fromStdString(e.name)).text;
        }
        case StateView::AlertRole:
            return !e.is_slot && tags.value(QString::fromStdString(e.name)).alert;
        case Qt::BackgroundRole:
            if (row.flash.isValid() && row.flash.alpha() > 0) return QBrush(row.flash);
            return {};
        case StateView::IsSlotRole:
            return e.is_slot;
        case StateView::UnsetRole:
            return e.unset;
        case StateView::FlashingRole:
            return row.flash.isValid() && row.flash.alpha() > 0;
        }
        return {};
    }

    int find(const QString& name) const {
        std::string n = name.toStdString();
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i].entry.name == n) return int(i);
        return -1;
    }

    void set_flash(const QString& name, const QColor& c) {
        int r = find(name);
        if (r < 0) return;
        rows[size_t(r)].flash = c;
        emit dataChanged(index(r, 0), index(r, 2), {Qt::BackgroundRole, StateView::FlashingRole});
    }

    void reset(std::vector<Row> r) {
        beginResetModel();
        rows = std::move(r);
        endResetModel();
    }

    void set_fade(const QString& name, double t) {
        int r = find(name);
        if (r < 0) return;
        rows[size_t(r)].fade = t;
        emit dataChanged(index(r, 0), index(r, 2), {Qt::ForegroundRole, Qt::FontRole});
    }

    static QString tr_unset() {
        return QStringLiteral("slot without a value (reading it raises AttributeError)");
    }

    std::vector<Row> rows;
    QHash<QString, StateView::EntryTag> tags;
};

StateView::StateView(QWidget* parent) : QWidget(parent) {
    title_ = new QLabel(this);
    caption_ = new QLabel(this);
    title_->setTextFormat(Qt::PlainText);
    caption_->setTextFormat(Qt::PlainText);

    model_ = new StateModel(this);
    auto* table = new PlaceholderTable(this);
    view_ = table;
    view_->setModel(model_);
    view_->setItemDelegate(new StateDelegate(view_));
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setShowGrid(false);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setFrameShape(QFrame::NoFrame);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setHighlightSections(false);
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    view_->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);

    auto* head = new QHBoxLayout;
    head->setContentsMargins(10, 8, 10, 6);
    head->setSpacing(10);
    head->addWidget(title_);
    head->addWidget(caption_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(head);
    layout->addWidget(view_);
    apply_theme();
    update_caption();
}

QAbstractItemModel* StateView::model() const {
    return model_;
}

void StateView::apply_theme() {
    const auto& t = theme::palette();
    QPalette p = theme::view_palette(palette());
    setPalette(p);
    setAutoFillBackground(true);
    view_->setPalette(p);
    view_->horizontalHeader()->setPalette(p);
    view_->horizontalHeader()->setFont(theme::ui_font());
    view_->horizontalHeader()->setStyleSheet(theme::header_css());
    view_->setFont(theme::code_font());
    view_->verticalHeader()->setDefaultSectionSize(
        std::max(QFontMetrics(theme::code_font()).height(),
                 QFontMetrics(theme::ui_font()).height()) +
        12);
    title_->setFont(theme::heading_font());
    QPalette tp = title_->palette();
    tp.setColor(QPalette::WindowText, t.text);
    title_->setPalette(tp);
    caption_->setFont(theme::ui_font());
    QPalette cp = caption_->palette();
    cp.setColor(QPalette::WindowText, t.muted);
    caption_->setPalette(cp);
    // Fonts come from data(): a layout pass picks up a new zoom.
    if (model_->rowCount() > 0) model_->reset(std::vector<StateModel::Row>(model_->rows));
    view_->viewport()->update();
}

void StateView::update_caption() {
    auto* table = static_cast<PlaceholderTable*>(view_);
    if (!has_object_) {
        title_->setText(tr("No object"));
        caption_->clear();
        table->placeholder = tr("Select an object to see its __dict__ and slot values.");
        view_->viewport()->update();
        return;
    }
    int dict = 0, slot_count = 0;
    for (const auto& r : model_->rows) (r.entry.is_slot ? slot_count : dict)++;
    title_->setText(object_);
    QStringList parts;
    if (dict == 0)
        parts << tr("nothing in __dict__");
    else
        parts << (dict == 1 ? tr("1 entry in __dict__") : tr("%1 entries in __dict__").arg(dict));
    if (slot_count > 0) parts << (slot_count == 1 ? tr("1 slot") : tr("%1 slots").arg(slot_count));
    caption_->setText(parts.join(QStringLiteral("  ·  ")));
    table->placeholder = tr("%1 has nothing in its __dict__ and no slots.").arg(object_);
    view_->viewport()->update();
}

void StateView::clear() {
    for (QVariantAnimation* a : std::as_const(flashes_)) {
        a->stop();
        a->deleteLater();
    }
    flashes_.clear();
    has_object_ = false;
    object_.clear();
    model_->reset({});
    update_caption();
}

void StateView::show_state(const QString& object_name, const std::vector<StateEntry>& entries) {
    bool same = has_object_ && object_name == object_;
    QString current;
    if (same && view_->currentIndex().isValid())
        current = model_->index(view_->currentIndex().row(), NameColumn).data().toString();

    std::vector<StateModel::Row> rows;
    QStringList to_flash;
    for (const StateEntry& e : entries) {
        QString name = QString::fromStdString(e.name);
        StateModel::Row row{e, {}};
        if (same) {
            int old = model_->find(name);
            if (old < 0) {
                to_flash << name;
            } else {
                const StateEntry& o = model_->rows[size_t(old)].entry;
                if (o.repr != e.repr || o.type_name != e.type_name || o.unset != e.unset ||
                    o.is_slot != e.is_slot)
                    to_flash << name;
                row.flash = model_->rows[size_t(old)].flash; // a fade in progress goes on
            }
        }
        rows.push_back(std::move(row));
    }
    // Fades of removed entries (or of another object) stop.
    for (auto it = flashes_.begin(); it != flashes_.end();) {
        bool keep = same && std::any_of(entries.begin(), entries.end(), [&](const StateEntry& e) {
                        return e.name == it.key().toStdString();
                    });
        if (keep) {
            ++it;
        } else {
            it.value()->stop();
            it.value()->deleteLater();
            it = flashes_.erase(it);
        }
    }
    object_ = object_name;
    has_object_ = true;
    model_->reset(std::move(rows));
    for (const QString& name : to_flash) flash(name);
    if (!current.isEmpty()) {
        int r = model_->find(current);
        if (r >= 0) view_->selectRow(r);
    }
    update_caption();
}

void StateView::flash(const QString& name) {
    const QColor start = theme::palette().flash;
    QColor end = start;
    end.setAlpha(0);
    QVariantAnimation* anim = flashes_.value(name);
    if (anim) {
        anim->stop();
    } else {
        anim = new QVariantAnimation(this);
        flashes_.insert(name, anim);
        connect(anim, &QVariantAnimation::valueChanged, this,
                [this, name](const QVariant& v) { model_->set_flash(name, v.value<QColor>()); });
        connect(anim, &QVariantAnimation::finished, this, [this, name, anim] {
            model_->set_flash(name, QColor());
            if (flashes_.value(name) == anim) flashes_.remove(name);
            anim->deleteLater();
        });
    }
    anim->setStartValue(start);
    anim->setEndValue(end);
    anim->setDuration(flash_ms_);
    anim->setEasingCurve(QEasingCurve::InQuad); // stays bright a moment, then fades
    model_->set_flash(name, start);
    anim->start();
}

void StateView::set_tags(const QHash<QString, EntryTag>& tags) {
    model_->tags = tags;
    if (!model_->rows.empty())
        emit model_->dataChanged(model_->index(0, 0), model_->index(model_->rowCount() - 1, 0));
    view_->viewport()->update();
}

void StateView::set_fading(const QString& name, double t) {
    model_->set_fade(name, t);
}

QPointF StateView::anchor(const QString& name) const {
    int r = model_->find(name);
    if (r >= 0) {
        QRect cell = view_->visualRect(model_->index(r, ValueColumn));
        if (cell.isValid() && view_->viewport()->rect().intersects(cell))
            return view_->viewport()->mapTo(this, QPointF(cell.left() + 40, cell.center().y()));
    }
    QRect title = title_->geometry();
    return QPointF(title.left() + std::min(title.width(), title_->sizeHint().width()) + 24,
                   title.center().y());
}

QStringList StateView::flashing_names() const {
    QStringList out;
    for (auto it = flashes_.begin(); it != flashes_.end(); ++it)
        if (it.value()->state() == QAbstractAnimation::Running) out << it.key();
    out.sort();
    return out;
}

void StateView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) apply_theme();
}

void StateView::render_to(QPainter& painter, const QRectF& target) {
    theme::render_widget(*this, painter, target);
}

} // namespace ds
