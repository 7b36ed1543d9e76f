#include "mainwindow.h"

#include "attributetable.h"
#include "chainview.h"
#include "console.h"
#include "errorlist.h"
#include "exportactions.h"
#include "inspect.h"
#include "ioreplay.h"
#include "modeleditor.h"
#include "modeltree.h"
#include "mrograph.h"
#include "operations.h"
#include "stateview.h"
#include "store.h"
#include "storeview.h"
#include "theme.h"
#include "tokenoverlay.h"
#include "tracequery.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <set>

namespace ds {

static QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A dock holding one view, named so that QSettings can restore the layout.
static QDockWidget* add_dock(QMainWindow* window, const QString& title, const char* name,
                             QWidget* view, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(view);
    window->addDockWidget(area, dock);
    return dock;
}

MainWindow::MainWindow() {
    setAcceptDrops(true);
    graph_ = new MroGraphView(this);

    tree_ = new ModelTree(this);
    notes_ = new QTextBrowser(this);
    notes_->setOpenExternalLinks(false);
    script_ = new QListWidget(this);
    script_->setFont(theme::code_font());
    script_->setTextElideMode(Qt::ElideRight); // whole statements in the tooltips
    script_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    state_ = new StateView(this);
    attributes_ = new AttributeTable(this);
    chain_ = new ChainView(this);
    auto* chain_panel = new QWidget(this);
    auto* chain_layout = new QVBoxLayout(chain_panel);
    chain_layout->setContentsMargins(0, 0, 0, 0);
    auto* chain_bar = new QHBoxLayout;
    op_box_ = new QComboBox(chain_panel);
    op_box_->addItems({"get", "set", "delete"});
    op_box_->setToolTip(tr("The operation whose precedence chain is shown"));
    chain_bar->addWidget(new QLabel(tr("Operation:"), chain_panel));
    chain_bar->addWidget(op_box_);
    chain_bar->addStretch();
    chain_layout->addLayout(chain_bar);
    auto* chain_scroll = new QScrollArea(chain_panel);
    chain_scroll->setWidget(chain_);
    chain_scroll->setWidgetResizable(true);
    chain_scroll->setFrameShape(QFrame::NoFrame);
    chain_layout->addWidget(chain_scroll);
    console_ = new ConsoleWidget(this);
    editor_ = new ModelEditor(this);
    errors_ = new ErrorList(this);
    stores_ = new StoreView(this);
    replay_ = new IoReplay(this);
    auto* stores_scroll = new QScrollArea(this);
    stores_scroll->setWidget(stores_);
    stores_scroll->setWidgetResizable(true);
    stores_scroll->setFrameShape(QFrame::NoFrame);

    QDockWidget* tree_dock = add_dock(this, tr("Model"), "model", tree_, Qt::LeftDockWidgetArea);
    // The lesson: its steps (the script) above its notes, side by side with the model tree.
    auto* lesson = new QSplitter(Qt::Vertical, this);
    lesson->addWidget(script_);
    lesson->addWidget(notes_);
    lesson->setSizes({220, 520});
    QDockWidget* lesson_dock =
        add_dock(this, tr("Lesson"), "lesson", lesson, Qt::LeftDockWidgetArea);
    tabifyDockWidget(tree_dock, lesson_dock);
    lesson_dock->raise();
    QDockWidget* state_dock =
        add_dock(this, tr("Instance __dict__"), "state", state_, Qt::RightDockWidgetArea);
    QDockWidget* attr_dock =
        add_dock(this, tr("Attributes"), "attributes", attributes_, Qt::RightDockWidgetArea);
    // The centre answers the question of the window: the class graph above, and below it the
    // precedence chain of the selected lookup.
    auto* centre = new QSplitter(Qt::Vertical, this);
    centre->addWidget(graph_);
    centre->addWidget(chain_panel);
    centre->setSizes({240, 660});
    setCentralWidget(centre);
    splitDockWidget(state_dock, attr_dock, Qt::Vertical);
    QDockWidget* stores_dock =
        add_dock(this, tr("Stores"), "stores", stores_scroll, Qt::RightDockWidgetArea);
    tabifyDockWidget(attr_dock, stores_dock);
    attr_dock->raise();
    connect_store_controls();
    QDockWidget* console_dock =
        add_dock(this, tr("Console"), "console", console_, Qt::BottomDockWidgetArea);
    QDockWidget* editor_dock =
        add_dock(this, tr("Model editor"), "editor", editor_, Qt::BottomDockWidgetArea);
    QDockWidget* errors_dock =
        add_dock(this, tr("Errors"), "errors", errors_, Qt::BottomDockWidgetArea);
    tabifyDockWidget(console_dock, editor_dock);
    tabifyDockWidget(editor_dock, errors_dock);
    console_dock->raise();
    resizeDocks({tree_dock}, {320}, Qt::Horizontal);
    resizeDocks({state_dock}, {480}, Qt::Horizontal);
    resizeDocks({state_dock, attr_dock}, {260, 500}, Qt::Vertical);
    resizeDocks({console_dock}, {200}, Qt::Vertical);
    errors_dock_ = errors_dock;

    watcher_ = new QFileSystemWatcher(this);
    connect(watcher_, &QFileSystemWatcher::fileChanged, this, [this](const QString& path) {
        if (path != file_) return;
        if (!watcher_->files().contains(path) && QFileInfo::exists(path))
            watcher_->addPath(path);        // replaced by an atomic save
        if (editor_->is_modified()) return; // never overwrite the user's edits
        reload();
    });
    // Queued: a view's signal is handled after the view has finished its own event (the
    // handler refreshes the views, which must not happen in the middle of a view's update).
    connect(tree_, &ModelTree::objectSelected, this, &MainWindow::select_object,
            Qt::QueuedConnection);
    connect(graph_, &MroGraphView::classActivated, this, &MainWindow::select_object,
            Qt::QueuedConnection);
    connect(
        attributes_, &AttributeTable::attributeSelected, this,
        [this](const QString& name) { select_attribute(name, op_box_->currentText()); },
        Qt::QueuedConnection);
    connect(attributes_, &AttributeTable::invalidateRequested, this, &MainWindow::invalidate_cached,
            Qt::QueuedConnection);
    connect(op_box_, &QComboBox::currentTextChanged, this,
            [this](const QString& op) { select_attribute(selected_attribute_, op); });
    connect(console_, &ConsoleWidget::statementEntered, this,
            [this](const QString& s) { run_statement(s); });
    console_->set_completion_source([this](const QString& prefix) { return completions(prefix); });
    // Activating a step plays the lesson up to it: the steps before silently, it animated.
    connect(script_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        lesson_go_to(script_->row(item));
        lesson_next();
    });
    connect(editor_, &ModelEditor::applyRequested, this, &MainWindow::apply_model_text);
    connect(errors_, &ErrorList::errorActivated, this, [this, editor_dock](int line, int column) {
        editor_dock->raise();
        editor_->go_to(line, column);
    });

    status_label_ = new QLabel(this);
    statusBar()->addWidget(status_label_, 1);
    token_ = new TokenOverlay(this);
    build_lesson_bar();
    build_menus();
    resize(1600, 960);
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    theme::set_zoom(settings.value("view/zoom", 1.0).toDouble());
    set_replay_speed(settings.value("lesson/speed", 1.0).toDouble());
}

MainWindow::~MainWindow() {
    if (before_presentation_) theme::set_presentation(false); // the look is the process's
}

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::open_dialog);
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    update_recent_menu();
    file->addAction(tr("&Reload"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::reload);
    file->addAction(editor_->save_action()); // one Save action: a second Ctrl+S would be ambiguous
    file->addSeparator();
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    add_export_actions(*this, *file, *edit);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Evaluate selected attribute"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                   [this] {
                       if (!selected_object_.isEmpty() && !selected_attribute_.isEmpty())
                           run_statement(selected_object_ + "." + selected_attribute_);
                   });
    run->addAction(tr("Focus &console"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                   [this] { console_->setFocus(); });
    // Triggered, not toggled: refresh_views sets the checked state without setting the flag.
    pep549_action_ = run->addAction(tr("PEP 549 what-if: instance descriptors (never adopted)"),
                                    this, &MainWindow::set_pep549_what_if);
    pep549_action_->setObjectName("pep549WhatIf");
    pep549_action_->setCheckable(true);
    pep549_action_->setStatusTip(
        tr("The selected object's class honours property objects in its instances' own "
           "__dict__ (get, set, delete), as PEP 549 proposed. CPython never adopted it; off is "
           "exact CPython behaviour."));
    pep549_action_->setToolTip(pep549_action_->statusTip());

    // Next and Back also answer Space, the arrows and a presenter's Page Down / Page Up; in
    // the console and the editor those keys still type (text boxes take them first).
    QMenu* lesson = menuBar()->addMenu(tr("&Lesson"));
    QAction* next = lesson->addAction(tr("&Next step"), this, &MainWindow::lesson_next);
    next->setObjectName("lessonNext");
    next->setShortcuts({Qt::Key_Space, Qt::Key_Right, Qt::Key_PageDown});
    QAction* back = lesson->addAction(tr("&Back one step"), this, &MainWindow::lesson_back);
    back->setObjectName("lessonBack");
    back->setShortcuts({Qt::Key_Left, Qt::Key_PageUp});
    lesson->addAction(tr("&Restart"), QKeySequence(Qt::Key_Home), this,
                      [this] { lesson_go_to(0); });
    lesson->addSeparator();
    lesson->addAction(tr("&Faster"), QKeySequence(Qt::Key_BracketRight), this, [this] {
        speed_box_->setCurrentIndex(
            std::min(speed_box_->currentIndex() + 1, speed_box_->count() - 1));
    });
    lesson->addAction(tr("&Slower"), QKeySequence(Qt::Key_BracketLeft), this, [this] {
        speed_box_->setCurrentIndex(std::max(speed_box_->currentIndex() - 1, 0));
    });
    addActions(lesson->actions()); // reachable with the menu bar hidden

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, this, [this] { zoom_fonts(1.15); });
    view->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, this, [this] { zoom_fonts(1 / 1.15); });
    view->addAction(tr("&Fit graph"), QKeySequence(Qt::CTRL | Qt::Key_0), graph_,
                    &MroGraphView::fit);
    QAction* whole = view->addAction(tr("&Whole model graph"));
    whole->setCheckable(true);
    whole->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(whole, &QAction::toggled, this, [this](bool on) {
        whole_model_graph_ = on;
        refresh_views();
    });
    QAction* presentation = view->addAction(tr("&Presentation mode"));
    presentation->setObjectName("presentationMode");
    presentation->setCheckable(true);
    presentation->setShortcut(QKeySequence(Qt::Key_F11));
    connect(presentation, &QAction::toggled, this, &MainWindow::set_presentation);
    // Escape leaves presentation mode; otherwise it stays the focused widget's.
    auto* leave = new QAction(tr("Leave presentation mode"), this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    leave->setEnabled(false);
    connect(presentation, &QAction::toggled, leave, &QAction::setEnabled);
    connect(leave, &QAction::triggered, presentation,
            [presentation] { presentation->setChecked(false); });
    addAction(leave);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Dunderscope"), this, &MainWindow::show_about);
}

// ---- files ------------------------------------------------------------------------------

void MainWindow::open_dialog() {
    if (!editor_->maybe_save(this)) return;
    QString start = file_.isEmpty() ? QString() : QFileInfo(file_).absolutePath();
    QString path = QFileDialog::getOpenFileName(this, tr("Open model"), start,
                                                tr("Dunderscope models (*.json)"));
    if (!path.isEmpty()) open_model(path);
}

bool MainWindow::open_model(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        show_load_errors({ModelError{path.toStdString(),
                                     {},
                                     0,
                                     0,
                                     "cannot read the file: " + f.errorString().toStdString()}});
        return false;
    }
    QString text = QString::fromUtf8(f.readAll());
    LoadResult loaded;
    run_with_large_stack([&] { loaded = load_model(text.toStdString(), path.toStdString()); });
    if (!loaded.ok()) {
        file_ =
            path; // the editor shows the broken file so it can be fixed; the last good model stays
        editor_->set_document(path, text);
        editor_->set_errors(loaded.errors);
        show_load_errors(loaded.errors);
        return false;
    }
    editor_->set_document(path, text);
    return install_session(std::move(loaded.session), path, text);
}

bool MainWindow::apply_model_text(const QString& text) {
    LoadResult loaded;
    run_with_large_stack([&] { loaded = load_model(text.toStdString(), file_.toStdString()); });
    editor_->set_errors(loaded.errors);
    if (!loaded.ok()) {
        show_load_errors(loaded.errors);
        return false;
    }
    return install_session(std::move(loaded.session), file_, text);
}

void MainWindow::reload() {
    if (!file_.isEmpty()) open_model(file_);
}

bool MainWindow::install_session(std::unique_ptr<Session> session, const QString& path,
                                 const QString& text) {
    if (session_) run_with_large_stack([&] { session_.reset(); }); // frees its heap on a big stack
    session_ = std::move(session);
    if (!watcher_->files().isEmpty()) watcher_->removePaths(watcher_->files());
    if (!path.isEmpty() && QFileInfo::exists(path)) watcher_->addPath(path);
    file_ = path;
    add_recent_file(path);
    errors_->clear();
    last_trace_.clear();
    replay_->finish();
    ledger_ = StoreLedger();
    model_text_ = text;
    lesson_step_ = 0;
    const ModelSpec& spec = session_->spec();
    QString title = spec.title.empty() ? QFileInfo(path).fileName() : qs(spec.title);
    setWindowTitle(title + " — Dunderscope");
    show_notes(0);
    script_->clear();
    for (const CodeSpec& s : spec.script) script_->addItem(qs(s.text));
    update_lesson_steps();
    // A sensible first selection: the first instance (or class) and its most telling attribute.
    selected_object_.clear();
    selected_attribute_.clear();
    std::vector<NamedObject> objects = model_objects(session_->world());
    for (ObjectKind kind : {ObjectKind::Instance, ObjectKind::Class, ObjectKind::Module})
        for (const NamedObject& o : objects)
            if (selected_object_.isEmpty() && o.kind == kind) selected_object_ = qs(o.name);
    refresh_objects();
    refresh_views();
    // A model with a lesson opens on it; one without, on its classes and instances.
    const bool has_lesson = !spec.script.empty() || !spec.notes.empty();
    if (auto* dock = findChild<QDockWidget*>(has_lesson ? QStringLiteral("lesson")
                                                        : QStringLiteral("model")))
        dock->raise();
    // A model with stores is about hidden I/O: show them.
    if (!stores_->stores().empty())
        if (auto* dock = findChild<QDockWidget*>(QStringLiteral("stores"))) dock->raise();
    status_label_->setText(tr("Loaded %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::show_notes(int scroll) {
    theme::set_markdown(*notes_->document(), qs(session_->spec().notes), theme::ui_font());
    notes_->moveCursor(QTextCursor::Start); // restyling the code left the view at the end
    notes_->verticalScrollBar()->setValue(scroll);
}

void MainWindow::show_load_errors(const std::vector<ModelError>& errors) {
    errors_->show_errors(errors);
    errors_dock_->show();
    errors_dock_->raise();
    status_label_->setText(has_model() ? tr("The model has errors: showing the last good model")
                                       : tr("The model has errors"));
}

void MainWindow::add_recent_file(const QString& path) {
    if (path.isEmpty()) return;
    QSettings settings;
    QStringList recent = settings.value("files/recent").toStringList();
    QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 10) recent.removeLast();
    settings.setValue("files/recent", recent);
    update_recent_menu();
}

void MainWindow::update_recent_menu() {
    if (!recent_menu_) return;
    recent_menu_->clear();
    for (const QString& path : QSettings().value("files/recent").toStringList())
        recent_menu_
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (editor_->maybe_save(this)) open_model(path);
                        })
            ->setToolTip(path);
    recent_menu_->setEnabled(!recent_menu_->isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && editor_->maybe_save(this))
        open_model(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!editor_->maybe_save(this)) {
        event->ignore();
        return;
    }
    // The layout to come back to is the one from before presenting.
    const WindowLayout layout =
        before_presentation_.value_or(WindowLayout{saveState(), saveGeometry()});
    QSettings settings;
    settings.setValue("window/geometry", layout.geometry);
    settings.setValue("window/state", layout.state);
    settings.setValue("view/zoom", theme::zoom());
    event->accept();
}

void MainWindow::show_about() {
    QMessageBox::about(
        this, tr("About Dunderscope"),
        tr("<h3>Dunderscope %1</h3><p>An inspector for Python object models: the MRO, instance "
           "dicts, and the precedence chain of every lookup, faithful to CPython 3.11.</p>")
            .arg(DUNDERSCOPE_VERSION));
}

void MainWindow::zoom_fonts(double factor) {
    theme::set_zoom(theme::zoom() * factor);
    apply_theme();
}

void MainWindow::apply_theme() {
    // The chrome (dock titles, the status line with the I/O costs, the operation box) keeps the
    // desktop's font at the desk; from the back of a room it needs the theme's.
    setFont(theme::presentation() ? theme::ui_font() : QFont());
    if (session_) show_notes(notes_->verticalScrollBar()->value());
    script_->setFont(theme::code_font());
    tree_->apply_theme();
    state_->apply_theme();
    attributes_->apply_theme();
    chain_->apply_theme();
    console_->apply_theme();
    editor_->apply_theme();
    errors_->apply_theme();
    stores_->apply_theme();
    graph_->apply_theme();
    refresh_objects();
    refresh_views();
    if (session_) update_lesson_steps(); // its items carry their own fonts
}

// Presentation mode (issue 4): full screen, the theme's presentation look, and only the panes
// that tell the story: lesson and script, graph and chain, instance __dict__, stores, console.
// Keyboard only: the menu bar goes, its shortcuts stay. Leaving puts the window back exactly.
void MainWindow::set_presentation(bool on) {
    if (on == before_presentation_.has_value()) return;
    if (on) before_presentation_ = WindowLayout{saveState(), saveGeometry()};
    theme::set_presentation(on);
    apply_theme();
    if (!on) {
        menuBar()->show();
        restoreState(before_presentation_->state);
        restoreGeometry(before_presentation_->geometry);
        before_presentation_.reset();
        return;
    }
    auto dock = [this](const char* name) { return findChild<QDockWidget*>(QLatin1String(name)); };
    for (const char* name : {"model", "attributes", "editor", "errors"}) dock(name)->hide();
    if (stores_->stores().empty()) dock("stores")->hide(); // nothing to show there
    // The chain needs the height: the console keeps a few lines at the bottom, full width so
    // that statements read on one line.
    const QFontMetrics ui(theme::ui_font()), code(theme::code_font());
    resizeDocks({dock("lesson"), dock("state")}, {16 * ui.height(), 24 * ui.height()},
                Qt::Horizontal);
    resizeDocks({dock("console")}, {6 * code.lineSpacing()}, Qt::Vertical);
    // A hidden menu bar's shortcuts work once the window holds its actions.
    for (QMenu* menu : menuBar()->findChildren<QMenu*>()) addActions(menu->actions());
    menuBar()->hide();
    showFullScreen();
}

// ---- selection and refresh --------------------------------------------------------------

static Value global(Session& s, const QString& name) {
    Value* v = s.world().globals->find_str(name.toStdString());
    return v ? *v : Value();
}

void MainWindow::select_object(const QString& name) {
    if (!session_ || global(*session_, name).empty()) return;
    selected_object_ = name;
    selected_attribute_.clear();
    refresh_views();
}

void MainWindow::select_attribute(const QString& name, const QString& op) {
    selected_attribute_ = name;
    selected_op_ = op.isEmpty() ? "get" : op;
    refresh_views();
}

void MainWindow::refresh_objects() {
    if (!session_) return;
    World& w = session_->world();
    QSignalBlocker block(tree_);
    tree_->show_objects(model_objects(w), class_graph(w, nullptr));
}

void MainWindow::refresh_views() {
    if (!session_) return;
    World& w = session_->world();
    {
        QSignalBlocker block(tree_);
        tree_->select(selected_object_);
    }
    {
        QSignalBlocker block(op_box_);
        op_box_->setCurrentText(selected_op_);
    }
    Value obj = global(*session_, selected_object_);
    if (obj.empty()) {
        chain_->show_chain({}, {}, {});
        return;
    }
    const TypeObject* cls = obj.as<TypeObject>() ? obj.as<TypeObject>() : type_of(w, obj);
    pep549_action_->setChecked(cls->pep549_instance_descriptors);
    std::vector<AttributeRow> rows = ds::attribute_table(w, obj);
    if (selected_attribute_.isEmpty()) {
        // Start on the most telling attribute: the model's own (not a dunder) whose winner hides
        // something, else the model's first, else the first.
        auto own = [](const AttributeRow& r) { return r.name.rfind("__", 0) != 0; };
        for (const AttributeRow& r : rows)
            if (selected_attribute_.isEmpty() && own(r) && !r.losers.empty())
                selected_attribute_ = qs(r.name);
        for (const AttributeRow& r : rows)
            if (selected_attribute_.isEmpty() && own(r)) selected_attribute_ = qs(r.name);
        if (selected_attribute_.isEmpty() && !rows.empty())
            selected_attribute_ = qs(rows.front().name);
    }
    QString supplier;
    for (const AttributeRow& r : rows)
        if (qs(r.name) == selected_attribute_) supplier = qs(r.winner.owner);
    graph_->show_graph(class_graph(w, whole_model_graph_ ? nullptr : cls), supplier);
    refresh_state();
    {
        // The window's own selection: no signal back (it would refresh in the middle of this).
        QSignalBlocker block(attributes_);
        attributes_->show_rows(rows);
        attributes_->select_attribute(selected_attribute_);
    }
    refresh_chain();
    refresh_stores();
}

void MainWindow::refresh_chain() {
    if (!session_ || selected_attribute_.isEmpty()) {
        chain_->show_chain({}, {}, {});
        return;
    }
    World& w = session_->world();
    Value obj = global(*session_, selected_object_);
    if (obj.empty()) return;
    std::string name = selected_attribute_.toStdString(), op = selected_op_.toStdString();
    std::vector<Event> statics;
    run_with_large_stack([&] { statics = static_lookup(w, obj, name, op); });
    // The events of the last statement's lookup of the selected object and attribute, if any.
    std::vector<Event> dynamic = lookup_events(last_trace_, object_identity(obj), name, op);
    chain_->show_chain(qs(lookup_title(selected_object_.toStdString(), name, op)), statics,
                       dynamic);
}

// ---- running code -----------------------------------------------------------------------

StatementResult MainWindow::run_statement(const QString& statement) {
    return run(statement, Playback::Animated);
}

std::map<uintptr_t, QString> MainWindow::object_names() const {
    std::map<uintptr_t, QString> names;
    if (session_)
        for (const NamedObject& o : model_objects(session_->world()))
            names.emplace(object_identity(o.value), qs(o.name));
    return names;
}

StatementResult MainWindow::run(const QString& statement, Playback playback) {
    StatementResult r;
    if (!session_) return r;
    // A statement while a replay runs fast-forwards it: the views show its end state first.
    replay_->finish();
    World& w = session_->world();
    // The instance view replays cache steps from the state before the statement.
    std::map<uintptr_t, std::vector<StateEntry>> before;
    const bool animate =
        playback == Playback::Animated && replay_->speed() > 0 && !stores_->stores().empty();
    if (animate)
        for (const NamedObject& o : model_objects(w))
            if (o.kind == ObjectKind::Instance)
                before[object_identity(o.value)] = object_state(w, o.value);
    run_with_large_stack([&] { r = session_->run(statement.toStdString(), true, true); });
    last_trace_ = r.trace;
    std::set<std::pair<uintptr_t, std::string>> cached_before;
    for (const auto& [entry, link] : ledger_.links()) cached_before.insert(entry);
    StoreLedger::Report io = ledger_.record(r.trace);
    // Only named objects can be shown; an object that went away may have its address reused.
    std::set<uintptr_t> named;
    for (const auto& [id, name] : object_names()) named.insert(id);
    ledger_.keep_only(named);
    follow_statement(r.trace, io);
    if (playback == Playback::Silent) return r;

    console_->show_result(statement, r.ok, r.repr ? qs(*r.repr) : QString(), qs(r.error_type),
                          qs(r.error_message), qs(r.output));
    replay_state_.reset();
    pending_fills_.clear();
    if (animate) {
        for (const IoStep& s : io.steps) // a copy being refreshed was a copy all along
            if (s.kind == IoKind::CacheFill && !cached_before.count({s.object_id, s.field}))
                pending_fills_.insert({s.object_id, s.field});
        Value shown = global(*session_, selected_object_);
        auto found = before.find(object_identity(shown));
        bool cache_steps = std::any_of(io.steps.begin(), io.steps.end(), [&](const IoStep& s) {
            return s.object_id == object_identity(shown) &&
                   (s.kind == IoKind::CacheFill || s.kind == IoKind::Invalidation);
        });
        if (found != before.end() && cache_steps)
            replay_state_ = ReplayState{selected_object_, found->first, found->second};
    }
    refresh_objects();
    refresh_views();
    replay_io(io);
    return r;
}

// The views follow a statement: the chain of its main (first top-level) lookup... but when it
// filled or dropped a named object's cached value, that object: the cache is what the
// statement was about (`User.email.invalidate(ada)` shows ada).
void MainWindow::follow_statement(const std::vector<Event>& trace, const StoreLedger::Report& io) {
    if (std::optional<MainLookup> main = main_lookup(session_->world(), trace)) {
        selected_object_ = qs(main->target.name);
        selected_attribute_ = qs(main->lookup.name);
        selected_op_ = qs(main->lookup.op);
    }
    const std::map<uintptr_t, QString> names = object_names();
    for (const IoStep& step : io.steps) {
        bool cache = step.kind == IoKind::CacheFill || step.kind == IoKind::Invalidation;
        auto named = cache ? names.find(step.object_id) : names.end();
        if (named == names.end()) continue;
        const QString& name = named->second;
        if (name != selected_object_) {
            selected_object_ = name;
            selected_op_ = "get";
        }
        return;
    }
}

// ---- the lesson ---------------------------------------------------------------------------

int MainWindow::lesson_length() const {
    return session_ ? int(session_->spec().script.size()) : 0;
}

void MainWindow::lesson_next() {
    if (!session_ || lesson_step_ >= lesson_length()) return;
    int step = lesson_step_++;
    status_label_->setText(tr("Step %1 of %2").arg(lesson_step_).arg(lesson_length()));
    run(qs(session_->spec().script.at(size_t(step)).text), Playback::Animated);
    update_lesson_steps();
}

void MainWindow::lesson_back() {
    if (lesson_step_ > 0) lesson_go_to(lesson_step_ - 1);
}

void MainWindow::lesson_go_to(int step) {
    if (!session_) return;
    step = std::clamp(step, 0, lesson_length());
    // Deterministic: the model as loaded, then the script's first statements, silently.
    LoadResult loaded;
    run_with_large_stack(
        [&] { loaded = load_model(model_text_.toStdString(), file_.toStdString()); });
    if (!loaded.ok()) return; // the text loaded before; only a changed limit could refuse it
    // The PEP 549 switches the user turned on stay on (the model's own keys come with it).
    std::vector<std::string> what_if;
    World& old = session_->world();
    for (const NamedObject& o : model_objects(old))
        if (auto* t = o.value.as<TypeObject>(); t && t->pep549_instance_descriptors)
            what_if.push_back(o.name);
    const bool modules_what_if = old.types.module->pep549_instance_descriptors;
    int notes_scroll = notes_->verticalScrollBar()->value();
    install_session(std::move(loaded.session), file_, model_text_);
    World& w = session_->world();
    for (const std::string& name : what_if)
        if (auto* t = global(*session_, qs(name)).as<TypeObject>())
            t->pep549_instance_descriptors = true;
    w.types.module->pep549_instance_descriptors = modules_what_if;
    for (int i = 0; i < step; ++i)
        run(qs(session_->spec().script.at(size_t(i)).text), Playback::Silent);
    lesson_step_ = step;
    state_->clear(); // the state arrives all at once: nothing to flash
    refresh_objects();
    refresh_views();
    notes_->verticalScrollBar()->setValue(notes_scroll);
    update_lesson_steps();
    console_->show_note(
        step == 0   ? tr("Lesson restarted: the model was reloaded")
        : step == 1 ? tr("At step 1 of %1: the model was reloaded and step 1 replayed silently")
                          .arg(lesson_length())
                    : tr("At step %1 of %2: the model was reloaded and steps 1 to %1 replayed "
                         "silently")
                          .arg(step)
                          .arg(lesson_length()));
    status_label_->setText(tr("Step %1 of %2").arg(step).arg(lesson_length()));
}

// Played steps are muted, the last one played is current (highlighted), the next one is marked.
void MainWindow::update_lesson_steps() {
    const theme::Palette& pal = theme::palette();
    for (int i = 0; i < script_->count(); ++i) {
        QListWidgetItem* item = script_->item(i);
        QString statement = qs(session_->spec().script.at(size_t(i)).text);
        QString marker = i == lesson_step_ ? QStringLiteral("▶") : QStringLiteral(" ");
        item->setText(QStringLiteral("%1 %2  %3").arg(marker).arg(i + 1, 2).arg(statement));
        item->setToolTip(statement);
        QFont f = theme::code_font();
        f.setBold(i == lesson_step_ - 1);
        item->setFont(f);
        item->setForeground(i < lesson_step_ - 1 ? pal.muted : pal.text);
    }
    if (lesson_step_ > 0) {
        script_->setCurrentRow(lesson_step_ - 1);
    } else {
        script_->clearSelection();
        script_->setCurrentRow(-1);
    }
    if (lesson_step_ < script_->count()) script_->scrollToItem(script_->item(lesson_step_));
    step_label_->setText(lesson_length() == 0
                             ? tr("No lesson script")
                             : tr("Step %1 of %2").arg(lesson_step_).arg(lesson_length()));
}

void MainWindow::build_lesson_bar() {
    QToolBar* bar = addToolBar(tr("Lesson"));
    bar->setObjectName("lessonBar");
    bar->setMovable(false);
    bar->addAction(tr("◀ Back"), this, &MainWindow::lesson_back)
        ->setToolTip(tr("Back one step (Left): reload and replay silently"));
    bar->addAction(tr("Next ▶"), this, &MainWindow::lesson_next)
        ->setToolTip(tr("Play the next statement (Space or Right)"));
    step_label_ = new QLabel(bar);
    step_label_->setContentsMargins(12, 0, 24, 0);
    bar->addWidget(step_label_);
    bar->addWidget(new QLabel(tr("Replay speed: "), bar));
    speed_box_ = new QComboBox(bar);
    for (double speed : {0.25, 0.5, 1.0, 2.0, 4.0})
        speed_box_->addItem(QStringLiteral("%1×").arg(speed), speed);
    speed_box_->addItem(tr("instant"), IoReplay::kInstant);
    speed_box_->setToolTip(tr("How fast hidden I/O replays: a store call lasts its store's "
                              "latency at 1× ([ slower, ] faster)"));
    speed_box_->setFocusPolicy(Qt::NoFocus); // the arrows stay Next and Back
    bar->addWidget(speed_box_);
    connect(speed_box_, &QComboBox::currentIndexChanged, this, [this](int index) {
        double speed = speed_box_->itemData(index).toDouble();
        replay_->set_speed(speed);
        QSettings().setValue("lesson/speed", speed);
    });
}

void MainWindow::set_replay_speed(double speed) {
    int index = speed_box_->findData(speed);
    speed_box_->setCurrentIndex(index >= 0 ? index : speed_box_->findData(1.0));
    replay_->set_speed(speed_box_->currentData().toDouble());
}

// ---- hidden I/O ---------------------------------------------------------------------------

std::vector<MainWindow::CachedCopy>
MainWindow::cached_copies(const std::vector<StoreState>& stores) const {
    std::map<std::pair<std::string, std::string>, const std::string*> stored;
    for (const StoreState& s : stores)
        for (const StoreEntry& e : s.entries) stored[{s.name, e.key}] = &e.repr;
    std::vector<CachedCopy> out;
    for (const auto& [entry, link] : ledger_.links()) {
        if (pending_fills_.count(entry)) continue;
        auto now = stored.find({link.store, link.key});
        out.push_back({entry.first, entry.second, link.store, link.key,
                       ledger_.stale(entry.first, entry.second,
                                     now == stored.end() ? nullptr : now->second)});
    }
    return out;
}

void MainWindow::refresh_state() {
    if (!session_) return;
    World& w = session_->world();
    Value obj = global(*session_, selected_object_);
    if (obj.empty()) return;
    // Cached copies of stored values are tagged, stale ones in the error colour.
    QHash<QString, StateView::EntryTag> tags;
    for (const CachedCopy& c : cached_copies(store_states(w)))
        if (c.object == object_identity(obj))
            tags.insert(qs(c.field), {c.stale ? tr("stale") : tr("cache"), c.stale});
    state_->set_tags(tags);
    if (replay_state_ && replay_state_->object == selected_object_)
        state_->show_state(selected_object_, replay_state_->entries);
    else
        state_->show_state(selected_object_, object_state(w, obj));
}

void MainWindow::refresh_stores() {
    if (!session_) return;
    std::vector<StoreState> stores = store_states(session_->world());
    // Who holds a copy of each stored value, and whether it is still the same value.
    const std::map<uintptr_t, QString> names = object_names();
    QHash<QString, QList<StoreView::Cached>> cached;
    for (const CachedCopy& c : cached_copies(stores))
        if (auto owner = names.find(c.object); owner != names.end())
            cached[qs(c.store + "\n" + c.key)].append({owner->second + "." + qs(c.field), c.stale});
    stores_->show_stores(stores);
    stores_->set_cached(cached);
}

void MainWindow::replay_io(const StoreLedger::Report& io) {
    QStringList costs;
    const std::map<uintptr_t, QString> names = object_names();
    for (const IoAccess& a : io.accesses) {
        auto named = names.find(a.object_id);
        QString object = named != names.end() ? named->second : qs(a.object);
        costs << (a.name.empty() ? object + "()" : object + "." + qs(a.name)) + ": " +
                     qs(io_cost(a));
    }
    if (!costs.isEmpty()) status_label_->setText(costs.join(QStringLiteral("; ")));
    // Hidden I/O that did not happen is worth saying too.
    Value obj = costs.isEmpty() ? global(*session_, selected_object_) : Value();
    if (!obj.empty())
        for (const AttributeRow& row : ds::attribute_table(session_->world(), obj))
            if (qs(row.name) == selected_attribute_ && !row.store.empty())
                status_label_->setText(
                    tr("%1.%2: no store call (store '%3' not asked)")
                        .arg(selected_object_, selected_attribute_, qs(row.store)));
    io_accesses_ = io.accesses;
    std::map<std::string, double> latency;
    for (const StoreState& s : stores_->stores()) latency[s.name] = s.latency_ms;
    replay_->play(io.steps, latency);
}

QPointF MainWindow::window_point(QWidget* view, const QPointF& point) const {
    return view->mapTo(const_cast<MainWindow*>(this), point.toPoint());
}

// One moment of a replay step on every view it concerns: the store card, the travelling value
// token, and the instance view (a cache fill lands, an invalidated entry fades out).
void MainWindow::show_replay_step(int index, double t) {
    const IoStep& step = replay_->steps().at(size_t(index)).step;
    stores_->set_activity(step, t);
    const bool on_shown = replay_state_ && step.object_id == replay_state_->id;
    if (step.kind == IoKind::Invalidation) {
        if (on_shown) state_->set_fading(qs(step.field), t);
        return;
    }
    if (step.kind == IoKind::CacheFill) return; // lands at its start (stepStarted)
    token_->clear_token();
    auto* scroll = qobject_cast<QScrollArea*>(stores_->parentWidget()->parentWidget());
    if (!stores_->isVisible() || !scroll) return;
    // The store end: the key's value cell, kept inside the visible part of the pane.
    QRect visible(stores_->mapFrom(scroll->viewport(), QPoint(0, 0)), scroll->viewport()->size());
    QPointF key = stores_->key_anchor(qs(step.store), qs(step.key));
    key.setY(std::clamp(key.y(), double(visible.top() + 12), double(visible.bottom() - 12)));
    QPointF store_end = window_point(stores_, key);
    // The object end: the instance view when it shows the object, else the chain (the lookup).
    uintptr_t object = step.access >= 0 && size_t(step.access) < io_accesses_.size()
                           ? io_accesses_[size_t(step.access)].object_id
                           : 0;
    Value shown = session_ ? global(*session_, selected_object_) : Value();
    QPointF object_end = state_->isVisible() && object && object == object_identity(shown)
                             ? window_point(state_, state_->anchor(QString()))
                             : window_point(chain_, QPointF(60, 24));
    const theme::Palette& pal = theme::palette();
    TokenOverlay::Token token{store_end, object_end, qs(step.value), pal.hit, t};
    switch (step.kind) {
    case IoKind::ReadMiss:
        token.text = QStringLiteral("None");
        token.colour = pal.muted;
        break;
    case IoKind::Write:
        std::swap(token.from, token.to);
        token.colour = pal.accent;
        break;
    case IoKind::Delete:
        std::swap(token.from, token.to);
        token.text = QStringLiteral("del");
        token.colour = pal.muted;
        break;
    case IoKind::Failure:
        token.text = qs(step.message).section(':', 0, 0); // the store card says the rest
        token.colour = pal.error;
        break;
    default:
        break;
    }
    if (t < 1) token_->set_token(token);
}

void MainWindow::connect_store_controls() {
    connect(replay_, &IoReplay::stepProgress, this, &MainWindow::show_replay_step);
    connect(replay_, &IoReplay::stepStarted, this, [this](int index) {
        const IoStep& step = replay_->steps().at(size_t(index)).step;
        if (step.kind != IoKind::CacheFill) return;
        pending_fills_.erase({step.object_id, step.field});
        refresh_stores(); // the store now lists the new copy
        if (!replay_state_ || step.object_id != replay_state_->id) return;
        // The value lands in the instance view (which flashes the new or changed entry).
        std::vector<StateEntry>& entries = replay_state_->entries;
        auto same = [&](const StateEntry& e) { return e.name == step.field; };
        auto found = std::find_if(entries.begin(), entries.end(), same);
        StateEntry filled{step.field, step.value, {}};
        Value obj = global(*session_, replay_state_->object);
        for (const StateEntry& e : object_state(session_->world(), obj))
            if (e.name == step.field && e.repr == step.value) filled.type_name = e.type_name;
        if (found == entries.end())
            entries.push_back(filled);
        else
            *found = filled;
        if (selected_object_ == replay_state_->object) refresh_state();
    });
    connect(replay_, &IoReplay::stepFinished, this, [this](int index) {
        token_->clear_token();
        const IoStep& step = replay_->steps().at(size_t(index)).step;
        if (step.kind != IoKind::Invalidation || !replay_state_ ||
            step.object_id != replay_state_->id)
            return;
        std::erase_if(replay_state_->entries,
                      [&](const StateEntry& e) { return e.name == step.field; });
        if (selected_object_ == replay_state_->object) refresh_state();
    });
    connect(replay_, &IoReplay::finished, this, [this] {
        stores_->clear_activity();
        token_->clear_token();
        if (!pending_fills_.empty()) {
            pending_fills_.clear();
            refresh_stores();
        }
        if (replay_state_) {
            replay_state_.reset();
            refresh_state(); // the final state: anything else the statement changed flashes
        }
    });
    auto change = [this](const QString& name, const std::function<void(StoreObject&)>& edit) {
        if (!session_) return;
        if (StoreObject* s = find_store(session_->world(), name.toStdString())) edit(*s);
        refresh_stores();
        refresh_state(); // an outside write can make a cached copy stale
    };
    connect(stores_, &StoreView::downRequested, this, [change](const QString& store, bool down) {
        change(store, [&](StoreObject& s) { s.down = down; });
    });
    connect(stores_, &StoreView::latencyRequested, this, [change](const QString& store, double ms) {
        change(store, [&](StoreObject& s) { s.latency_ms = ms; });
    });
    connect(stores_, &StoreView::failingKeyRequested, this,
            [change](const QString& store, const QString& key, bool on) {
                change(store, [&](StoreObject& s) {
                    std::erase(s.fail_keys, key.toStdString());
                    if (on) s.fail_keys.push_back(key.toStdString());
                });
            });
    connect(stores_, &StoreView::externalWriteRequested, this,
            [this, change](const QString& store, const QString& key, const QString& text) {
                change(store, [&](StoreObject& s) {
                    write_from_outside(session_->world(), &s, key.toStdString(),
                                       text.toStdString());
                });
            });
}

// Runs `vars(Owner)['email'].invalidate(ada)` as a console statement, so the user sees what
// was called and its replay (the cached entry fading out of the instance view).
void MainWindow::invalidate_cached(const QString& attribute) {
    Value obj = session_ ? global(*session_, selected_object_) : Value();
    if (obj.empty() || obj.as<TypeObject>()) return;
    World& w = session_->world();
    TypeObject* owner = nullptr;
    Value descr = type_lookup(type_of(w, obj), attribute.toStdString(), &owner);
    if (descr.empty() || !owner) return;
    if (type_lookup(type_of(w, descr), "invalidate").empty()) {
        status_label_->setText(
            tr("%1.%2 has no invalidate(): nothing to call").arg(qs(owner->name), attribute));
        return;
    }
    if (global(*session_, qs(owner->name)).as<TypeObject>() != owner) {
        status_label_->setText(tr("%1 is not a global name: run its invalidate from the console")
                                   .arg(qs(owner->name)));
        return;
    }
    run_statement(QStringLiteral("vars(%1)['%2'].invalidate(%3)")
                      .arg(qs(owner->name), attribute, selected_object_));
}

// The what-if applies to the class whose instances are looked up: the selected class itself,
// else the selected object's type (a plain module's is `module`). No type_lookup cache entry
// depends on the flag, so there is nothing to invalidate; a reload starts from the model again.
void MainWindow::set_pep549_what_if(bool on) {
    Value obj = session_ ? global(*session_, selected_object_) : Value();
    if (obj.empty()) { // nothing selected: nothing to switch
        pep549_action_->setChecked(false);
        return;
    }
    TypeObject* cls = obj.as<TypeObject>() ? obj.as<TypeObject>() : type_of(session_->world(), obj);
    cls->pep549_instance_descriptors = on;
    refresh_views();
    status_label_->setText(
        on ? tr("PEP 549 what-if on for %1 — not CPython behaviour").arg(qs(cls->name))
           : tr("PEP 549 what-if off for %1: exact CPython behaviour").arg(qs(cls->name)));
}

QStringList MainWindow::completions(const QString& prefix) {
    QStringList out;
    if (!session_) return out;
    World& w = session_->world();
    int dot = prefix.lastIndexOf('.');
    if (dot < 0) {
        for (const NamedObject& o : model_objects(w)) out << qs(o.name);
        w.builtins->for_each([&](const Value& k, const Value&) {
            if (auto* s = k.as<StrObject>()) out << qs(s->text);
        });
    } else {
        Value obj = global(*session_, prefix.left(dot));
        if (!obj.empty())
            for (const AttributeRow& r : ds::attribute_table(w, obj, true))
                out << prefix.left(dot + 1) + qs(r.name);
    }
    out = out.filter(QRegularExpression("^" + QRegularExpression::escape(prefix)));
    out.sort();
    out.removeDuplicates();
    return out;
}

} // namespace ds
