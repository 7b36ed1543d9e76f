// The main window: wires every view to one loaded model (a Session). Views draw snapshots
// (model/inspect.h) and events; the window decides what is selected and when to refresh.
#pragma once

#include "inspect.h"
#include "session.h"
#include "storeio.h"

#include <QMainWindow>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

class QFileSystemWatcher;
class QLabel;
class QListWidget;
class QTextBrowser;
class QComboBox;
class QAction;
class QMenu;

namespace ds {

class MroGraphView;
class ModelTree;
class StateView;
class AttributeTable;
class ChainView;
class ConsoleWidget;
class ModelEditor;
class ErrorList;
class StoreView;
class IoReplay;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    MainWindow();
    ~MainWindow() override;

    // Loads a model file; on failure the errors are shown and the last good model stays.
    bool open_model(const QString& path);
    // Loads model text (the editor's Apply); same failure rule.
    bool apply_model_text(const QString& text);

    // Selection (also used by --screenshot and tests).
    void select_object(const QString& name);
    void select_attribute(const QString& name, const QString& op = "get");
    // Runs a statement as the console does: result in the console, views follow it, and its
    // hidden I/O replays at the chosen speed.
    StatementResult run_statement(const QString& statement);

    // The lesson: the model's script played one statement at a time. lesson_step() statements
    // have been played; Next plays the next one with its animation, Back returns to the step
    // before by reloading the model and replaying the script silently (deterministic).
    void lesson_next();
    void lesson_back();
    void lesson_go_to(int step); // reload, then play `step` statements silently
    int lesson_step() const { return lesson_step_; }
    int lesson_length() const;
    void set_replay_speed(double speed); // 0.25 .. 4, or IoReplay::kInstant

    QString current_file() const { return file_; }
    QString selected_object() const { return selected_object_; }
    bool has_model() const { return session_ != nullptr; }
    Session* session() const { return session_.get(); } // tests inspect the world

    // The views, for tests.
    ModelTree* model_tree() const { return tree_; }
    StateView* state_view() const { return state_; }
    AttributeTable* attribute_table() const { return attributes_; }
    ChainView* chain_view() const { return chain_; }
    ConsoleWidget* console() const { return console_; }
    ModelEditor* editor() const { return editor_; }
    ErrorList* error_list() const { return errors_; }
    MroGraphView* graph_view() const { return graph_; }
    StoreView* store_view() const { return stores_; }
    IoReplay* replay() const { return replay_; }
    class TokenOverlay* token_overlay() const {
        return token_;
    }
    QListWidget* lesson_steps() const { return script_; }

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void build_menus();
    void open_dialog();
    void reload();
    void show_about();
    void zoom_fonts(double factor);
    void apply_theme(); // every view re-reads fonts and colours (after a zoom or a change of look)
    void set_presentation(bool on);
    void add_recent_file(const QString& path);
    void update_recent_menu();
    bool install_session(std::unique_ptr<Session> session, const QString& path,
                         const QString& text);
    void show_notes(int scroll); // the lesson notes, scrolled to `scroll`
    void show_load_errors(const std::vector<ModelError>& errors);
    void refresh_objects(); // the model tree: after loading and after each statement
    void refresh_views();   // everything that depends on the selection
    void refresh_chain();
    void refresh_state(); // the instance view, with its cache/stale tags
    void refresh_stores();
    enum class Playback { Animated, Silent };
    StatementResult run(const QString& statement, Playback playback);
    void follow_statement(const std::vector<Event>& trace, const StoreLedger::Report& io);
    void replay_io(const StoreLedger::Report& io); // hidden I/O: animate it, say what it cost
    void show_replay_step(int index, double t);
    void connect_store_controls();
    void build_lesson_bar();
    void update_lesson_steps();
    std::map<uintptr_t, QString> object_names() const; // object_identity -> global name
    // The instance __dict__ entries that copy a stored value (fills still in flight left out),
    // and whether the store holds something else now.
    struct CachedCopy {
        uintptr_t object;
        std::string field, store, key;
        bool stale;
    };
    std::vector<CachedCopy> cached_copies(const std::vector<StoreState>& stores) const;
    QPointF window_point(QWidget* view, const QPointF& point) const;
    void invalidate_cached(const QString& attribute); // the descriptor's invalidate(obj)
    void set_pep549_what_if(bool on); // the selected object's class (PEP 549, never adopted)
    QStringList completions(const QString& prefix);

    std::unique_ptr<Session> session_;
    QString file_;
    QString selected_object_;
    QString selected_attribute_;
    QString selected_op_ = "get";
    bool whole_model_graph_ = false;
    std::vector<Event> last_trace_;     // the last statement's events, for the chain view
    StoreLedger ledger_;                // which instance __dict__ entries cache which store keys
    std::vector<IoAccess> io_accesses_; // the accesses of the replay in progress
    // While a replay runs, the instance view shows its object as the replay has got so far
    // (cache fills land at their step), not the final state.
    struct ReplayState {
        QString object;
        uintptr_t id = 0;
        std::vector<StateEntry> entries;
    };
    std::optional<ReplayState> replay_state_;
    // Cache fills of the replay in progress that have not landed yet: not tagged or listed.
    std::set<std::pair<uintptr_t, std::string>> pending_fills_;
    QString model_text_; // the text of the loaded model: Back reloads it
    int lesson_step_ = 0;

    MroGraphView* graph_;
    ModelTree* tree_;
    StateView* state_;
    AttributeTable* attributes_;
    ChainView* chain_;
    ConsoleWidget* console_;
    ModelEditor* editor_;
    ErrorList* errors_;
    StoreView* stores_;
    IoReplay* replay_;
    QTextBrowser* notes_;
    QListWidget* script_;
    QLabel* step_label_;
    QComboBox* speed_box_;
    class TokenOverlay* token_;
    QComboBox* op_box_;
    QLabel* status_label_;
    class QDockWidget* errors_dock_;
    QFileSystemWatcher* watcher_;
    QMenu* recent_menu_ = nullptr;
    QAction* pep549_action_ = nullptr;
    // While presenting: the window as it was before, to be put back exactly.
    struct WindowLayout {
        QByteArray state, geometry;
    };
    std::optional<WindowLayout> before_presentation_;
};

} // namespace ds
