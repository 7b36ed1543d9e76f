// Exports: every view to SVG, PNG and PDF from the same drawing code as the screen (each view's
// render_to, or the MRO scene's render), the MRO graph also to DOT (Graphviz) and Mermaid.
// Shared by the command line (`dunderscope export`) and the window (File > Export, Edit > Copy
// as image). Every file is written atomically: a temporary file renamed over the target, so an
// export that fails leaves nothing half-written.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <functional>
#include <optional>

class QTableView;
class QPainter;
class QWidget;

namespace ds {

class MroGraphScene;
class ChainView;

// A picture any view can draw: its natural size (in screen pixels at 96 dpi) and a function
// that paints it into a rectangle of that size on any painter.
struct Picture {
    QSizeF size;
    std::function<void(QPainter&, const QRectF&)> paint;
    QString title; // the SVG/PDF document title
};

Picture picture_of(MroGraphScene& scene, const QString& title); // the whole graph
Picture picture_of(ChainView& view, const QString& title);      // all of it, at the view's width

// A widget view with render_to (instance state, attributes, stores): as big as the widget.
template <class View> Picture picture_of_widget(View& view, const QString& title) {
    return {QSizeF(view.size()), [&view](QPainter& p, const QRectF& r) { view.render_to(p, r); },
            title};
}

// Sizes a widget that is not on screen (the command line's, the handout's) so that its table
// `view` shows every row at `width`. The widget is shown off screen so that its layout runs.
void fit_to_rows(QWidget& widget, QTableView& view, int width);

enum class ExportFormat { Svg, Png, Pdf, Dot, Mermaid };

// "svg", "png", "pdf", "dot", "mermaid" (also the extensions .gv and .mmd); nullopt otherwise.
std::optional<ExportFormat> export_format_from_name(const QString& name);
QString export_format_name(ExportFormat format);

QByteArray to_svg(const Picture& picture);             // text stays <text>
QImage to_image(const Picture& picture, double scale); // ceil(size * scale) pixels
QByteArray to_png(const Picture& picture, double scale);
QByteArray to_pdf(const Picture& picture); // one page of the picture's size

// The MRO graph on screen as Graphviz DOT: one node per class (named by the class, labelled
// with its C3 position), bases in declared order, the same graph attributes as the layout.
QByteArray mro_to_dot(const MroGraphScene& scene);
// The same graph as a Mermaid flowchart (bases above, edges in declared base order).
QByteArray mro_to_mermaid(const MroGraphScene& scene);

// Writes data to path through a temporary file renamed over it (QSaveFile). On failure returns
// false, sets error ("cannot write FILE: reason") and leaves no file behind.
bool save_atomically(const QString& path, const QByteArray& data, QString* error);

} // namespace ds
