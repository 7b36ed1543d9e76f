#include "handout.h"

#include "chainview.h"
#include "exporter.h"
#include "stateview.h"
#include "storeview.h"
#include "theme.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTableView>
#include <QTextDocument>

#include <algorithm>
#include <memory>

namespace ds {

namespace {

// Pages are laid out on a column this wide (screen pixels, the window's chain width) and
// scaled onto the A4 page: the views draw exactly as on screen, only smaller.
constexpr double kColumn = 900;
constexpr double kGap = 18;

QFont scaled(QFont f, double factor) {
    f.setPointSizeF(f.pointSizeF() * factor);
    return f;
}

// A block of wrapped text as a picture of its own height.
Picture text_block(const QString& text, const QFont& font, const QColor& color) {
    const int flags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
    const QRectF bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, kColumn, 1e6), flags, text);
    return {QSizeF(kColumn, std::ceil(bounds.height())),
            [=](QPainter& p, const QRectF& r) {
                p.setFont(font);
                p.setPen(color);
                p.drawText(r, flags, text);
            },
            {}};
}

// The statement as the console shows it: ">>> " and the code, in a card.
Picture statement_block(const QString& statement) {
    const QFont font = scaled(theme::code_font(), 1.4);
    const QString text = ">>> " + QString(statement).replace("\n", "\n... ");
    const double pad = 14;
    const QRectF bounds = QFontMetricsF(font).boundingRect(
        QRectF(0, 0, kColumn - 2 * pad, 1e6), Qt::TextWrapAnywhere | Qt::AlignLeft, text);
    return {QSizeF(kColumn, std::ceil(bounds.height()) + 2 * pad),
            [=](QPainter& p, const QRectF& r) {
                const theme::Palette& pal = theme::palette();
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(QPen(pal.border, theme::line_width(1)));
                p.setBrush(pal.surface);
                p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
                p.setFont(font);
                p.setPen(pal.text);
                p.drawText(r.adjusted(pad, pad, -pad, -pad), Qt::TextWrapAnywhere | Qt::AlignLeft,
                           text);
            },
            {}};
}

// Draws blocks top to bottom in the page rectangle (column units), shrunk to fit if needed.
void draw_page(QPainter& painter, const QRectF& page, const std::vector<Picture>& blocks) {
    double height = 0;
    for (const Picture& b : blocks) height += b.size.height() + (height > 0 ? kGap : 0);
    const double fit = std::min(1.0, page.height() / std::max(height, 1.0));
    painter.save();
    painter.translate(page.topLeft());
    painter.scale(fit, fit);
    double y = 0;
    for (const Picture& b : blocks) {
        b.paint(painter, QRectF(QPointF(0, y), b.size));
        y += b.size.height() + kGap;
    }
    painter.restore();
}

Picture notes_block(const QString& markdown, QTextDocument& doc) {
    doc.setDocumentMargin(0);
    theme::set_markdown(doc, markdown, scaled(theme::ui_font(), 1.15));
    doc.setTextWidth(kColumn);
    return {QSizeF(kColumn, std::ceil(doc.size().height())),
            [&doc](QPainter& p, const QRectF& r) {
                p.save();
                p.translate(r.topLeft());
                QAbstractTextDocumentLayout::PaintContext context;
                context.palette.setColor(QPalette::Text, theme::palette().text);
                doc.documentLayout()->draw(&p, context);
                p.restore();
            },
            {}};
}

} // namespace

QByteArray handout_to_pdf(const Handout& handout) {
    const theme::Palette& pal = theme::palette();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(96); // screen pixels: the views lay out as on screen
    pdf.setTitle(handout.title);
    pdf.setCreator(QStringLiteral("Dunderscope"));
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    QPainter painter(&pdf);
    const QRect area = pdf.pageLayout().paintRectPixels(pdf.resolution());
    const double to_page = area.width() / kColumn;
    painter.scale(to_page, to_page);
    const QRectF page(0, 0, kColumn, area.height() / to_page);

    // The title page.
    QTextDocument notes;
    const int steps = int(handout.steps.size());
    draw_page(painter, page,
              {text_block(handout.title, scaled(theme::heading_font(), 2.0), pal.text),
               text_block(QStringLiteral("%1 · %2 script step%3")
                              .arg(handout.source)
                              .arg(steps)
                              .arg(steps == 1 ? "" : "s"),
                          theme::ui_font(), pal.muted),
               notes_block(handout.notes, notes)});

    // One page per step.
    for (int i = 0; i < steps; ++i) {
        const HandoutStep& step = handout.steps[size_t(i)];
        pdf.newPage();
        std::vector<Picture> blocks;
        blocks.push_back(text_block(
            QStringLiteral("Step %1 of %2 · %3").arg(i + 1).arg(steps).arg(handout.title),
            theme::ui_font(), pal.muted));
        blocks.push_back(statement_block(step.statement));
        const QFont result_font = scaled(theme::code_font(), 1.2);
        if (!step.output.isEmpty())
            blocks.push_back(text_block(step.output.trimmed(), result_font, pal.text));
        if (!step.ok)
            blocks.push_back(text_block(step.result, result_font, pal.error));
        else
            blocks.push_back(
                step.result.isEmpty()
                    ? text_block(QStringLiteral("(no value)"), theme::ui_font(), pal.muted)
                    : text_block("→ " + step.result, result_font, pal.accent));

        ChainView chain;
        if (!step.chain_title.isEmpty()) {
            chain.show_chain(step.chain_title, step.static_events, step.dynamic_events);
            chain.resize(int(kColumn), chain.heightForWidth(int(kColumn)));
            blocks.push_back(picture_of(chain, {}));
        } else {
            blocks.push_back(text_block(
                QStringLiteral("This statement looks up no attribute of a model object."),
                theme::ui_font(), pal.muted));
        }
        if (!step.object.isEmpty() || !step.stores.empty())
            blocks.push_back(
                text_block(QStringLiteral("After the statement"), theme::heading_font(), pal.text));
        StateView state;
        if (!step.object.isEmpty()) {
            state.show_state(step.object, step.state);
            fit_to_rows(state, *state.table_view(), int(kColumn));
            blocks.push_back(picture_of_widget(state, {}));
        }
        StoreView stores;
        if (!step.stores.empty()) {
            stores.show_stores(step.stores);
            stores.resize(int(kColumn), stores.sizeHint().height());
            blocks.push_back(picture_of_widget(stores, {}));
        }
        draw_page(painter, page, blocks);
    }
    painter.end();
    return buffer.data();
}

} // namespace ds
