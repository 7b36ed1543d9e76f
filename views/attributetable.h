// The attribute table (what ccbv.co.uk does for Django, for any model): every name visible
// through the selected class or object, its kind, the definition that wins, and every losing
// definition along the MRO as a child row, struck through and muted. An attribute whose winner
// holds a store (hidden I/O behind plain attribute syntax) carries a badge naming the store.
#pragma once

#include "inspect.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeView;
class QStandardItemModel;
class QSortFilterProxyModel;
class QAbstractItemModel;
class QModelIndex;
class QEvent;
class QContextMenuEvent;
class QPainter;
class QRectF;

namespace ds {

class AttributeTable : public QWidget {
    Q_OBJECT
  public:
    enum Column { NameColumn, KindColumn, WinnerColumn, ValueColumn };
    enum Role {
        NameRole = Qt::UserRole + 1, // the attribute name (on loser rows too)
        LoserRole,                   // true on a losing definition's row
        OwnerRole,                   // the defining class, "" for the object's own dict
        StoreRole,                   // the store behind the winner ("" when none): a badge
    };

    explicit AttributeTable(QWidget* parent = nullptr);

    // rows: attribute_table(w, obj, include_object()). Keeps the selected attribute when it is
    // still there (without emitting attributeSelected).
    void show_rows(const std::vector<AttributeRow>& rows);
    void clear();

    // Selects the row of `name` (clearing the filter if it hides it); emits attributeSelected
    // when the selection changes. Returns false when the name is not in the table.
    bool select_attribute(const QString& name);
    QString selected_attribute() const;

    // The "show object's attributes" checkbox: the owner recomputes attribute_table() with
    // include_object = checked when includeObjectChanged is emitted, and calls show_rows.
    bool include_object() const;
    void set_include_object(bool on); // emits includeObjectChanged when it changes

    void apply_theme();
    void render_to(QPainter& painter, const QRectF& target);

    QLineEdit* filter_edit() const { return filter_; }
    QCheckBox* include_object_box() const { return include_object_; }
    QTreeView* tree_view() const { return view_; }
    QAbstractItemModel* shown_model() const; // the proxy the view shows
    QStandardItemModel* source_model() const { return model_; }

    // How a definition's owner is written in the winner column ("Person", "instance __dict__").
    static QString owner_label(const AttributeDefinition& d);

  signals:
    void attributeSelected(QString name);
    void includeObjectChanged(bool include);
    // The context menu of a store-backed attribute: drop the object's cached copy.
    void invalidateRequested(QString name);

  protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    // A font change (the window's zoom sets the widget's font) re-reads the theme.
    void changeEvent(QEvent* event) override;

  private:
    void rebuild();
    void on_filter_changed(const QString& text);
    void update_caption();

    QLineEdit* filter_;
    QCheckBox* include_object_;
    QLabel* caption_;
    QTreeView* view_;
    QStandardItemModel* model_;
    QSortFilterProxyModel* proxy_;
    std::vector<AttributeRow> rows_;
    bool restoring_ = false;
    QString current_name_;
};

} // namespace ds
