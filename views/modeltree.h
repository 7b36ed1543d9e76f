// The model tree: what the loaded model holds, in four groups (Classes as an inheritance tree,
// Instances, Modules, Stores), with a filter box. A QStandardItemModel behind a recursive,
// case-insensitive QSortFilterProxyModel, so filtering stays instant on thousands of classes.
#pragma once

#include "inspect.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <optional>
#include <vector>

class QLineEdit;
class QTreeView;
class QStandardItem;
class QStandardItemModel;
class QSortFilterProxyModel;
class QAbstractItemModel;
class QModelIndex;
class QEvent;
class QPainter;
class QRectF;

namespace ds {

class NameFilterProxy;

class ModelTree : public QWidget {
    Q_OBJECT
  public:
    // Data roles of the items (source and proxy model).
    enum Role {
        NameRole = Qt::UserRole + 1, // the global name (a class's name); empty on group rows
        KindRole,                    // int(ObjectKind) for objects, -1 on group rows
        TypeRole,                    // the class of an instance ("" for classes)
        KeyRole,                     // unique key used to keep selection and expansion
        BuiltinRole,                 // a builtin class (object, type...)
        CountRole,                   // on group rows: how many model objects the group holds
    };

    explicit ModelTree(QWidget* parent = nullptr);

    // Replaces the contents. objects: model_objects(w); all_classes: class_graph(w, nullptr).
    // The current selection, the expanded rows and the scroll position are kept for every name
    // that still exists; keeping the selection does not emit objectSelected.
    // Call clear() before showing a different model (another file): the next fill then opens the
    // groups and a small class tree as on first use instead of keeping the old expansion.
    void show_objects(const std::vector<NamedObject>& objects, const ClassGraph& all_classes);
    void clear();

    // Selects `name` (clearing the filter if it hides it) and emits objectSelected when the
    // selection changes. Returns false when no such name is shown.
    bool select(const QString& name);
    QString selected_name() const;

    // Re-reads fonts and colours from views/theme.h (after a zoom change).
    void apply_theme();

    // Draws the tree as shown onto any painter, fitted into target (exports).
    void render_to(QPainter& painter, const QRectF& target);

    QLineEdit* filter_edit() const { return filter_; }
    QTreeView* tree_view() const { return view_; }
    QAbstractItemModel* shown_model() const; // the proxy the view shows
    QStandardItemModel* source_model() const { return model_; }

  signals:
    void objectSelected(QString name);

  protected:
    // A font change (the window's zoom sets the widget's font) re-reads the theme.
    void changeEvent(QEvent* event) override;

  private:
    struct ViewState {
        QSet<QString> expanded; // keys
        QString current;        // key
        int scroll = 0;
    };
    ViewState save_state() const;
    void restore_state(const ViewState& state, bool keep_scroll);
    void on_filter_changed(const QString& text);
    void on_current_changed(const QModelIndex& current);
    void rebuild();
    QStandardItem* find_item(const QString& key_or_name, bool by_key) const;

    QLineEdit* filter_;
    QTreeView* view_;
    QStandardItemModel* model_;
    NameFilterProxy* proxy_;
    // Only names and kinds are kept, never the Values: the tree outlives the session it shows.
    struct Shown {
        std::string name;
        ObjectKind kind;
        std::string type_name;
    };
    std::vector<Shown> objects_;
    ClassGraph classes_;
    QHash<QString, QStandardItem*> by_key_, by_name_;
    std::optional<ViewState> unfiltered_; // the view before the filter, while one is typed
    bool restoring_ = false;
    bool first_fill_ = true;
};

} // namespace ds
