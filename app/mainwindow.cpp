#include "mainwindow.h"

#include "session.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ds {

MainWindow::MainWindow() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    transcript_ = new QPlainTextEdit(central);
    transcript_->setReadOnly(true);
    QFont mono("monospace");
    mono.setStyleHint(QFont::Monospace);
    transcript_->setFont(mono);
    console_ = new QLineEdit(central);
    console_->setFont(mono);
    console_->setPlaceholderText(tr("Type a statement and press Enter"));
    layout->addWidget(transcript_);
    layout->addWidget(console_);
    setCentralWidget(central);

    notes_ = new QTextBrowser(this);
    auto* notes_dock = new QDockWidget(tr("Lesson notes"), this);
    notes_dock->setObjectName("notes");
    notes_dock->setWidget(notes_);
    addDockWidget(Qt::LeftDockWidgetArea, notes_dock);

    script_ = new QListWidget(this);
    script_->setFont(mono);
    auto* script_dock = new QDockWidget(tr("Script"), this);
    script_dock->setObjectName("script");
    script_dock->setWidget(script_);
    addDockWidget(Qt::LeftDockWidgetArea, script_dock);

    connect(console_, &QLineEdit::returnPressed, this, [this] {
        QString statement = console_->text();
        if (statement.trimmed().isEmpty()) return;
        console_->clear();
        run_statement(statement);
    });
    connect(script_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { run_script_step(script_->row(item)); });
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

bool MainWindow::open_model(const QString& path) {
    LoadResult loaded;
    run_with_large_stack([&] { loaded = load_model_file(path.toStdString()); });
    if (!loaded.ok()) {
        for (const ModelError& e : loaded.errors) transcript_->appendPlainText(QString::fromStdString(e.format()));
        return false;
    }
    session_ = std::move(loaded.session);
    const ModelSpec& spec = session_->spec();
    setWindowTitle(QString::fromStdString(spec.title.empty() ? QFileInfo(path).fileName().toStdString() : spec.title) +
                   " — Dunderscope");
    notes_->setMarkdown(QString::fromStdString(spec.notes));
    script_->clear();
    for (const CodeSpec& s : spec.script) script_->addItem(QString::fromStdString(s.text));
    transcript_->clear();
    return true;
}

void MainWindow::show_result(const StatementResult& r) {
    transcript_->appendPlainText(">>> " + QString::fromStdString(r.statement));
    QString text = QString::fromStdString(events_to_text(r.trace) + r.output);
    if (!r.ok) text += QString::fromStdString(r.error_type + (r.error_message.empty() ? "" : ": " + r.error_message));
    else if (r.repr) text += QString::fromStdString(*r.repr);
    if (!text.isEmpty()) transcript_->appendPlainText(text.endsWith('\n') ? text.chopped(1) : text);
}

void MainWindow::run_statement(const QString& statement) {
    if (!session_) return;
    StatementResult r;
    run_with_large_stack([&] { r = session_->run(statement.toStdString(), true); });
    show_result(r);
}

void MainWindow::run_script_step(int index) {
    if (!session_ || index < 0) return;
    StatementResult r;
    run_with_large_stack([&] { r = session_->run_script_step(size_t(index), true); });
    show_result(r);
}

} // namespace ds
