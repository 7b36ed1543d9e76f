// The instance view: the selected object's own __dict__ and its slot values as a table
// (name | value | type). After a refresh of the same object, entries that are new or whose value
// changed flash briefly: their background fades from the theme's flash colour to normal.
// Entries can carry a tag after their name ("cache" for a copy of a stored value, "stale" when
// the store has changed since), and an entry being invalidated fades out as a replay moves.
#pragma once

#include "inspect.h"

#include <QHash>
#include <QWidget>

#include <vector>

class QLabel;
class QTableView;
class QAbstractItemModel;
class QVariantAnimation;
class QEvent;
class QPainter;
class QRectF;

namespace ds {

class StateModel;

class StateView : public QWidget {
    Q_OBJECT
  public:
    enum Column { NameColumn, ValueColumn, TypeColumn };
    enum Role { IsSlotRole = Qt::UserRole + 1, UnsetRole, FlashingRole, TagRole, AlertRole };

    struct EntryTag {
        QString text;
        bool alert = false; // drawn in the error colours
    };

    explicit StateView(QWidget* parent = nullptr);

    // entries: object_state(w, obj). A new object_name shows the entries without flashing;
    // the same name again flashes what is new or changed (removed entries just disappear).
    void show_state(const QString& object_name, const std::vector<StateEntry>& entries);
    void clear();
    QString object_name() const { return object_; }

    // Tags by entry name (slots are always tagged "slot"); kept across show_state.
    void set_tags(const QHash<QString, EntryTag>& tags);
    // The entry `name` fading out (an invalidation in progress): 0 normal .. 1 gone.
    void set_fading(const QString& name, double t);

    // Where a value arrives for `name` (widget coordinates): its value cell, or the title
    // (the object itself) when the entry is not shown.
    QPointF anchor(const QString& name) const;

    // Names whose row is flashing right now (for tests and for the screenshot tool).
    QStringList flashing_names() const;
    void set_flash_duration(int ms) { flash_ms_ = ms; }
    int flash_duration() const { return flash_ms_; }

    void apply_theme();
    void render_to(QPainter& painter, const QRectF& target);

    QTableView* table_view() const { return view_; }
    QAbstractItemModel* model() const;

  protected:
    // A font change (the window's zoom sets the widget's font) re-reads the theme.
    void changeEvent(QEvent* event) override;

  private:
    void flash(const QString& name);
    void update_caption();

    QLabel* title_;
    QLabel* caption_;
    QTableView* view_;
    StateModel* model_;
    QString object_;
    bool has_object_ = false;
    QHash<QString, QVariantAnimation*> flashes_;
    int flash_ms_ = 800;
};

} // namespace ds
