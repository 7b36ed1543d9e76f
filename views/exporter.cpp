#include "exporter.h"

#include "chainview.h"
#include "graphlayout.h"
#include "mrograph.h"
#include "theme.h"

#include <QBuffer>
#include <QFontInfo>
#include <QHeaderView>
#include <QLayout>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QSvgGenerator>
#include <QTableView>

#include <algorithm>
#include <cmath>
#include <map>

namespace ds {

// Every export paints in screen pixels at 96 dpi, as the screen does: the views measure their
// fonts on the paint device, so the same resolution gives the same layout everywhere.
static constexpr int kScreenDpi = 96;

Picture picture_of(MroGraphScene& scene, const QString& title) {
    return {scene.sceneRect().size(),
            [&scene](QPainter& p, const QRectF& r) {
                p.setRenderHint(QPainter::Antialiasing);
                p.setRenderHint(QPainter::TextAntialiasing);
                scene.render(&p, r, scene.sceneRect(), Qt::KeepAspectRatio);
            },
            title};
}

Picture picture_of(ChainView& view, const QString& title) {
    int width = std::max(view.width(), view.minimumSizeHint().width());
    return {QSizeF(width, view.heightForWidth(width)),
            [&view](QPainter& p, const QRectF& r) { view.render_to(p, r); }, title};
}

void fit_to_rows(QWidget& widget, QTableView& view, int width) {
    view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(width, 400);
    widget.show();
    if (widget.layout()) widget.layout()->activate();
    const int chrome = widget.height() - view.viewport()->height();
    const int rows = std::max(view.verticalHeader()->length(),
                              2 * view.verticalHeader()->defaultSectionSize()); // room for "empty"
    widget.resize(width, chrome + rows + 2);
    if (widget.layout()) widget.layout()->activate();
}

std::optional<ExportFormat> export_format_from_name(const QString& name) {
    const QString n = name.toLower();
    if (n == "svg") return ExportFormat::Svg;
    if (n == "png") return ExportFormat::Png;
    if (n == "pdf") return ExportFormat::Pdf;
    if (n == "dot" || n == "gv") return ExportFormat::Dot;
    if (n == "mermaid" || n == "mmd") return ExportFormat::Mermaid;
    return std::nullopt;
}

QString export_format_name(ExportFormat format) {
    switch (format) {
    case ExportFormat::Svg:
        return "svg";
    case ExportFormat::Png:
        return "png";
    case ExportFormat::Pdf:
        return "pdf";
    case ExportFormat::Dot:
        return "dot";
    case ExportFormat::Mermaid:
        return "mermaid";
    }
    return {};
}

static QRectF whole(const Picture& picture) {
    return QRectF(QPointF(0, 0), picture.size);
}

// Qt writes a font's family as the application asked for it, and the views ask for
// fontconfig's aliases ("Sans Serif", "monospace"), which browsers do not know: name them by
// CSS's generic families, which mean the same (the system's sans-serif and monospace fonts)
// to browsers and to Qt's own SVG renderer. A real family name is kept.
static QByteArray with_css_font_families(const QByteArray& svg) {
    QString text = QString::fromUtf8(svg);
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    QSet<QString> seen;
    for (const QRegularExpressionMatch& m : family.globalMatch(text)) seen.insert(m.captured(1));
    for (const QString& asked : seen) {
        const QFontInfo real{QFont(asked)};
        if (real.family() == asked) continue;
        const QString generic = real.fixedPitch() ? "monospace" : "sans-serif";
        text.replace("font-family=\"" + asked + "\"", "font-family=\"" + generic + "\"");
    }
    return text.toUtf8();
}

QByteArray to_svg(const Picture& picture) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(kScreenDpi);
    svg.setSize(picture.size.toSize());
    svg.setViewBox(whole(picture));
    svg.setTitle(picture.title);
    svg.setDescription(QStringLiteral("Drawn by Dunderscope"));
    QPainter painter(&svg);
    picture.paint(painter, whole(picture));
    painter.end();
    return with_css_font_families(buffer.data());
}

QImage to_image(const Picture& picture, double scale) {
    QImage image(int(std::ceil(picture.size.width() * scale)),
                 int(std::ceil(picture.size.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale); // paint in screen pixels, sharp at every scale
    image.fill(theme::palette().background);
    QPainter painter(&image);
    picture.paint(painter, whole(picture));
    painter.end();
    return image;
}

QByteArray to_png(const Picture& picture, double scale) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    to_image(picture, scale).save(&buffer, "PNG");
    return buffer.data();
}

QByteArray to_pdf(const Picture& picture) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(kScreenDpi);
    pdf.setTitle(picture.title);
    pdf.setCreator(QStringLiteral("Dunderscope"));
    // One page exactly the picture's size (points = pixels * 72 / 96), no margins.
    const QSizeF points = picture.size * 72.0 / kScreenDpi;
    pdf.setPageLayout(
        QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF()));
    QPainter painter(&pdf);
    picture.paint(painter, whole(picture));
    painter.end();
    return buffer.data();
}

// ---- the MRO graph as text -------------------------------------------------------------

static QString node_label(const ClassNodeItem& node) {
    return node.mro_index() >= 0 ? QStringLiteral("%1: %2").arg(node.mro_index()).arg(node.name())
                                 : node.name();
}

QByteArray mro_to_dot(const MroGraphScene& scene) {
    // The screen's colours, so that `dot -Tsvg` of the file reads like the window.
    const theme::Palette& pal = theme::palette();
    std::map<QString, int> index;
    std::vector<LayoutNode> nodes;
    for (const ClassNodeItem* n : scene.nodes()) {
        index[n->name()] = int(nodes.size());
        LayoutNode node;
        node.dot_name = n->name().toStdString();
        node.dot_attributes = {{"label", node_label(*n).toStdString()},
                               {"style", "rounded,filled"},
                               {"fontname", n->is_focus() ? "Helvetica-Bold" : "Helvetica"}};
        QColor fill = n->is_builtin() ? pal.background : pal.surface, border = pal.border,
               text = n->is_builtin() ? pal.muted : pal.text;
        if (n->is_focus()) {
            border = pal.text;
            node.dot_attributes.push_back({"penwidth", "1.6"});
        }
        if (n->is_highlighted()) {
            fill = pal.accent_soft;
            border = text = pal.accent;
            node.dot_attributes.push_back({"penwidth", "2"});
        }
        node.dot_attributes.push_back({"fillcolor", fill.name().toStdString()});
        node.dot_attributes.push_back({"color", border.name().toStdString()});
        node.dot_attributes.push_back({"fontcolor", text.name().toStdString()});
        nodes.push_back(node);
    }
    std::vector<LayoutEdge> edges;
    for (const ClassEdgeItem* e : scene.edges()) {
        LayoutEdge edge{index.at(e->from()), index.at(e->to())};
        edge.dot_attributes = {{"color", pal.edge.name().toStdString()}};
        if (e->is_metaclass()) {
            edge.constraint = false;
            edge.label = QStringLiteral("metaclass");
            edge.dot_attributes.push_back({"style", "dashed"});
            edge.dot_attributes.push_back({"arrowhead", "empty"});
        }
        edges.push_back(edge);
    }
    return QByteArray::fromStdString(write_dot(nodes, edges));
}

// Mermaid node text: inside "..." a quote is written #quot;.
static QString mermaid_text(QString text) {
    return text.replace('"', QStringLiteral("#quot;"));
}

QByteArray mro_to_mermaid(const MroGraphScene& scene) {
    const theme::Palette& pal = theme::palette();
    QString out = QStringLiteral("flowchart BT\n");
    std::map<QString, QString> id;
    QStringList builtin, focus, winner;
    for (const ClassNodeItem* n : scene.nodes()) {
        const QString node_id = QStringLiteral("n%1").arg(id.size());
        id[n->name()] = node_id;
        out += QStringLiteral("    %1[\"%2\"]\n").arg(node_id, mermaid_text(node_label(*n)));
        if (n->is_builtin()) builtin << node_id;
        if (n->is_focus()) focus << node_id;
        if (n->is_highlighted()) winner << node_id;
    }
    for (const ClassEdgeItem* e : scene.edges())
        out += e->is_metaclass()
                   ? QStringLiteral("    %1 -. metaclass .-> %2\n")
                         .arg(id.at(e->from()), id.at(e->to()))
                   : QStringLiteral("    %1 --> %2\n").arg(id.at(e->from()), id.at(e->to()));
    out += QStringLiteral("    classDef builtin fill:%1,stroke:%2,color:%3\n")
               .arg(pal.background.name(), pal.border.name(), pal.muted.name());
    out += QStringLiteral("    classDef focus stroke:%1,stroke-width:2px,font-weight:bold\n")
               .arg(pal.text.name());
    out += QStringLiteral("    classDef winner fill:%1,stroke:%2,color:%2,stroke-width:2px\n")
               .arg(pal.accent_soft.name(), pal.accent.name());
    for (const auto& [cls, ids] :
         {std::pair{"builtin", builtin}, {"focus", focus}, {"winner", winner}})
        if (!ids.isEmpty()) out += QStringLiteral("    class %1 %2\n").arg(ids.join(','), cls);
    return out.toUtf8();
}

bool save_atomically(const QString& path, const QByteArray& data, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error) *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ds
