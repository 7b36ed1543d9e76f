// The model editor pane: the model's JSON in a code editor (line numbers in a gutter, syntax
// colours), its load errors marked where they are (a red marker in the gutter with the message
// as tooltip, the line tinted, the exact place underlined) and re-checked while typing (after a
// short pause, with ds::load_model: format errors and code errors alike), Apply (the window
// loads the text), Save (atomic, QSaveFile) and the "save your changes?" prompt; autosave of
// unsaved text (autosave.h), offered back when the document is opened again.
//
// The editor never touches the window's model: it checks the text in a throwaway load and
// hands the text over on Apply.
#pragma once

#include "modelerror.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTimer;
class QToolButton;

namespace ds {

class JsonHighlighter;
class CodeEdit;
class StatusLine;

class ModelEditor : public QWidget {
    Q_OBJECT
  public:
    explicit ModelEditor(QWidget* parent = nullptr);
    ~ModelEditor() override;

    // Shows `text` as the content of the file `path` (may be empty: an unsaved document).
    // Unmodified afterwards; errors are cleared and the text is checked after the pause.
    void set_document(const QString& path, const QString& text);
    QString text() const;
    QString path() const { return path_; }
    bool is_modified() const;

    // Marks these errors (their place.line; a code error also underlines its code position).
    // Replaces the previous marks. The window may call this with the errors of its own load.
    void set_errors(const std::vector<ModelError>& errors);
    const std::vector<ModelError>& errors() const { return errors_; }
    // 1-based lines that carry a marker, ascending, no duplicates.
    QList<int> error_lines() const;

    // Checks the text now (what the debounce timer does after a pause in typing).
    void validate_now();
    void set_validation_delay(int milliseconds);
    bool validation_pending() const;

    // Moves the cursor to a 1-based line and column (code points) and shows it; for an error's
    // place, to the exact position of a code error inside its string.
    void go_to(int line, int column);

    // Writes the text to path() / `path` atomically (QSaveFile: the old file stays intact
    // when anything fails). On failure emits saveFailed(message) and returns false.
    // save() with no path asks for one (the save-path hook, or a file dialog).
    bool save();
    bool save_as(const QString& path);

    // Before closing or opening another file: when modified, asks Save / Discard / Cancel.
    // Returns false when the user cancels (or when saving fails).
    enum class SaveChoice { Save, Discard, Cancel };
    using PromptHook = std::function<SaveChoice(QWidget* parent, const QString& path)>;
    using SavePathHook = std::function<QString(QWidget* parent)>;
    bool maybe_save(QWidget* parent);
    void set_prompt_hook(PromptHook hook) { prompt_hook_ = std::move(hook); }
    void set_save_path_hook(SavePathHook hook) { save_path_hook_ = std::move(hook); }

    // Autosave: a few seconds (the delay) after the last edit, the unsaved text of a document
    // that has a path is copied to the app data folder; a save or a discard removes the copy.
    // set_document offers a copy newer than the file back in a bar above the text (Restore /
    // Discard; no dialog, nothing blocks); the bar's buttons call restore_autosave and
    // discard_autosave.
    void set_autosave_delay(int milliseconds);
    void autosave_now();
    bool autosave_offered() const;
    void restore_autosave(); // the text becomes the autosaved one (modified, undoable)
    void discard_autosave();

    // Re-reads fonts and colours from the theme (after a zoom change).
    void apply_theme();

    QPlainTextEdit* text_edit() const;
    // The status line beside the buttons: the first error with its line, or "No errors".
    QString status_text() const;
    QAction* apply_action() const { return apply_action_; }
    QAction* save_action() const { return save_action_; }

  signals:
    void applyRequested(const QString& text);
    void saved(const QString& path);
    void saveFailed(const QString& message);
    void modificationChanged(bool modified);
    // After every check while typing and every set_errors (the window can fill the errors pane).
    void errorsChanged(const std::vector<ds::ModelError>& errors);

  private:
    void request_apply();
    void update_marks();
    void update_status();
    void report_modified(bool modified);
    void offer_autosave();
    void close_autosave_offer();

    CodeEdit* edit_ = nullptr;
    JsonHighlighter* highlighter_ = nullptr;
    QTimer* debounce_ = nullptr;
    QTimer* autosave_timer_ = nullptr;
    QWidget* recovery_bar_ = nullptr; // the autosave offer
    QLabel* recovery_label_ = nullptr;
    QString recovered_text_;
    QLabel* file_label_ = nullptr;
    StatusLine* status_ = nullptr;
    QToolButton* apply_button_ = nullptr;
    QToolButton* save_button_ = nullptr;
    QAction* apply_action_ = nullptr;
    QAction* save_action_ = nullptr;
    QString path_;
    std::vector<ModelError> errors_;
    QString last_checked_; // the text errors_ belong to (no re-check when unchanged)
    bool checked_ = false;
    bool loading_ = false;
    bool reported_modified_ = false;
    PromptHook prompt_hook_;
    SavePathHook save_path_hook_;
};

} // namespace ds
