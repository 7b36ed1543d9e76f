// The main window: one loaded model, its lesson notes and script, and a console.
#pragma once

#include <QMainWindow>

#include <memory>

class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTextBrowser;

namespace ds {

class Session;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    MainWindow();
    ~MainWindow() override;

    // Loads a model; on failure the errors are shown and the last good model stays.
    bool open_model(const QString& path);

  private:
    void run_statement(const QString& statement);
    void run_script_step(int index);
    void show_result(const struct StatementResult& r);

    std::unique_ptr<Session> session_;
    QTextBrowser* notes_;
    QListWidget* script_;
    QPlainTextEdit* transcript_;
    QLineEdit* console_;
};

} // namespace ds
