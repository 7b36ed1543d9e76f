#include "exportactions.h"

#include "attributetable.h"
#include "chainview.h"
#include "handout.h"
#include "lessonhandout.h"
#include "mainwindow.h"
#include "mrograph.h"
#include "stateview.h"
#include "storeview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QScrollArea>
#include <QStatusBar>

namespace ds {

namespace {

// The picture views of the window (the MRO graph, the chain, the instance __dict__, the
// attributes, the stores), found by type so that a view the window adds later is included.
bool is_picture_view(QWidget* w) {
    return qobject_cast<MroGraphView*>(w) || qobject_cast<ChainView*>(w) ||
           qobject_cast<StateView*>(w) || qobject_cast<AttributeTable*>(w) ||
           qobject_cast<StoreView*>(w);
}

// The view a widget belongs to (itself, an ancestor, or the view a scroll area shows).
QWidget* view_of(QWidget* w, QWidget* window) {
    for (; w && w != window; w = w->parentWidget()) {
        if (is_picture_view(w)) return w;
        if (auto* area = qobject_cast<QScrollArea*>(w); area && is_picture_view(area->widget()))
            return area->widget();
    }
    return nullptr;
}

// Remembers the picture view the user last clicked or focused in the window.
class ViewTracker : public QObject {
  public:
    explicit ViewTracker(MainWindow& window) : QObject(&window), window_(window) {
        setObjectName("exportViewTracker");
        qApp->installEventFilter(this);
    }
    QWidget* current() const { return current_ ? current_.data() : window_.graph_view(); }
    void set_current(QWidget* view) { current_ = view; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::FocusIn)
            if (auto* w = qobject_cast<QWidget*>(watched); w && w->window() == &window_)
                if (QWidget* view = view_of(w, &window_)) current_ = view;
        return false;
    }

  private:
    MainWindow& window_;
    QPointer<QWidget> current_;
};

QString view_name(QWidget* view) {
    if (qobject_cast<MroGraphView*>(view)) return "mro";
    if (qobject_cast<ChainView*>(view)) return "chain";
    if (qobject_cast<StateView*>(view)) return "dict";
    if (qobject_cast<AttributeTable*>(view)) return "attributes";
    return "store";
}

Picture picture_of_view(MainWindow& window, QWidget* view) {
    const QString title = window.windowTitle().section(" — ", 0, 0) + " — " + view_name(view);
    if (auto* graph = qobject_cast<MroGraphView*>(view))
        return picture_of(*graph->graph_scene(), title);
    if (auto* chain = qobject_cast<ChainView*>(view)) return picture_of(*chain, title);
    if (auto* state = qobject_cast<StateView*>(view)) return picture_of_widget(*state, title);
    if (auto* table = qobject_cast<AttributeTable*>(view)) return picture_of_widget(*table, title);
    return picture_of_widget(*qobject_cast<StoreView*>(view), title);
}

// The dialog's choices: a name filter, the format and the PNG scale it stands for.
struct Choice {
    QString filter;
    ExportFormat format;
    double scale = 1;
};

std::vector<Choice> choices(bool graph) {
    std::vector<Choice> out = {{QObject::tr("SVG image (*.svg)"), ExportFormat::Svg},
                               {QObject::tr("PNG image 1× (*.png)"), ExportFormat::Png, 1},
                               {QObject::tr("PNG image 2× (*.png)"), ExportFormat::Png, 2},
                               {QObject::tr("PNG image 4× (*.png)"), ExportFormat::Png, 4},
                               {QObject::tr("PDF document (*.pdf)"), ExportFormat::Pdf}};
    if (graph) {
        out.push_back({QObject::tr("Graphviz DOT (*.dot)"), ExportFormat::Dot});
        out.push_back({QObject::tr("Mermaid flowchart (*.mmd)"), ExportFormat::Mermaid});
    }
    return out;
}

QString extension(ExportFormat format) {
    return format == ExportFormat::Mermaid ? "mmd" : export_format_name(format);
}

void export_dialog(MainWindow& window) {
    QWidget* view = current_export_view(window);
    const std::vector<Choice> options = choices(qobject_cast<MroGraphView*>(view));
    QStringList filters;
    for (const Choice& c : options) filters << c.filter;
    QString selected = filters.first();
    const QFileInfo model(window.current_file());
    const QString suggested =
        model.absoluteDir().filePath(model.completeBaseName() + "-" + view_name(view) + ".svg");
    QString path = QFileDialog::getSaveFileName(
        &window, QObject::tr("Export the %1 view").arg(view_name(view)), suggested,
        filters.join(";;"), &selected);
    if (path.isEmpty()) return;
    const Choice& choice = options[size_t(std::max<qsizetype>(0, filters.indexOf(selected)))];
    if (QFileInfo(path).suffix().isEmpty()) path += "." + extension(choice.format);
    QString error;
    if (!export_current_view(window, path, choice.format, choice.scale, &error))
        QMessageBox::warning(&window, QObject::tr("Export"), error);
    else
        window.statusBar()->showMessage(QObject::tr("Exported %1").arg(QFileInfo(path).fileName()),
                                        5000);
}

void handout_dialog(MainWindow& window) {
    const QFileInfo model(window.current_file());
    const QString path = QFileDialog::getSaveFileName(
        &window, QObject::tr("Export lesson handout"),
        model.absoluteDir().filePath(model.completeBaseName() + "-handout.pdf"),
        QObject::tr("PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!export_handout(window, path, &error))
        QMessageBox::warning(&window, QObject::tr("Export lesson handout"), error);
    else
        window.statusBar()->showMessage(QObject::tr("Exported %1").arg(QFileInfo(path).fileName()),
                                        5000);
}

} // namespace

QWidget* current_export_view(MainWindow& window) {
    auto* tracker = dynamic_cast<ViewTracker*>(
        window.findChild<QObject*>("exportViewTracker", Qt::FindDirectChildrenOnly));
    return tracker ? tracker->current() : window.graph_view();
}

bool export_current_view(MainWindow& window, const QString& path, ExportFormat format, double scale,
                         QString* error) {
    QWidget* view = current_export_view(window);
    auto* graph = qobject_cast<MroGraphView*>(view);
    QByteArray data;
    switch (format) {
    case ExportFormat::Svg:
        data = to_svg(picture_of_view(window, view));
        break;
    case ExportFormat::Png:
        data = to_png(picture_of_view(window, view), scale);
        break;
    case ExportFormat::Pdf:
        data = to_pdf(picture_of_view(window, view));
        break;
    case ExportFormat::Dot:
    case ExportFormat::Mermaid:
        if (!graph) {
            if (error) *error = QObject::tr("DOT and Mermaid draw the MRO graph only");
            return false;
        }
        data = format == ExportFormat::Dot ? mro_to_dot(*graph->graph_scene())
                                           : mro_to_mermaid(*graph->graph_scene());
        break;
    }
    return save_atomically(path, data, error);
}

bool export_handout(MainWindow& window, const QString& path, QString* error) {
    LoadResult loaded;
    run_with_large_stack([&] { loaded = load_model_file(window.current_file().toStdString()); });
    if (!loaded.ok()) {
        if (error)
            *error =
                QObject::tr("%1 does not load: fix its errors first").arg(window.current_file());
        return false;
    }
    const QByteArray pdf = handout_to_pdf(make_handout(*loaded.session, window.current_file()));
    run_with_large_stack([&] { loaded.session.reset(); });
    return save_atomically(path, pdf, error);
}

void copy_current_view(MainWindow& window) {
    const Picture picture = picture_of_view(window, current_export_view(window));
    auto* data = new QMimeData;
    const QImage image = to_image(picture, 2); // sharp when pasted on a high-density screen
    data->setImageData(image);
    data->setData("image/png", to_png(picture, 2));
    data->setData("image/svg+xml", to_svg(picture));
    QApplication::clipboard()->setMimeData(data);
}

void add_export_actions(MainWindow& window, QMenu& file_menu, QMenu& edit_menu) {
    new ViewTracker(window);
    QAction* view = file_menu.addAction(QObject::tr("&Export current view…"), &window,
                                        [&window] { export_dialog(window); });
    view->setObjectName("exportView");
    view->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction* handout = file_menu.addAction(QObject::tr("Export lesson &handout (PDF)…"), &window,
                                           [&window] { handout_dialog(window); });
    handout->setObjectName("exportHandout");
    QAction* copy = edit_menu.addAction(QObject::tr("Copy as &image"), &window,
                                        [&window] { copy_current_view(window); });
    copy->setObjectName("copyImage");
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
}

} // namespace ds
