#include "theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QWidget>

#include <algorithm>

namespace ds::theme {

static double g_zoom = 1.0;
static bool g_presentation = false;
constexpr double kPresentationFontScale = 1.6; // on top of the user's zoom
constexpr double kPresentationLineScale = 2.0;

// Black on white: a projector washes out dark backgrounds and greys, and the widgets the theme
// does not paint (menus, dock titles, scroll bars) stay light. Every text colour is at least
// 5:1 on white; the accent keeps the normal look's hue, so the winner is still green.
static Palette presentation_palette() {
    Palette p;
    p.background = QColor(0xff, 0xff, 0xff);
    p.surface = QColor(0xff, 0xff, 0xff);
    p.border = QColor(0x70, 0x70, 0x70); // view_palette's selection, a blend, stays light
    p.text = QColor(0x00, 0x00, 0x00);
    p.muted = QColor(0x4a, 0x4a, 0x4a);
    p.accent = QColor(0x00, 0x70, 0x3a);
    p.accent_soft = QColor(0xc4, 0xef, 0xd3);
    p.hit = p.accent;
    p.miss = QColor(0x6a, 0x6a, 0x6a);
    p.error = QColor(0xc8, 0x00, 0x0a);
    p.error_soft = QColor(0xff, 0xd4, 0xd4);
    p.flash = QColor(0xff, 0xd2, 0x1f);
    p.edge = QColor(0x1a, 0x1a, 0x1a);
    return p;
}

const Palette& palette() {
    static const Palette normal;
    static const Palette presenting = presentation_palette();
    return g_presentation ? presenting : normal;
}

bool presentation() {
    return g_presentation;
}

void set_presentation(bool on) {
    g_presentation = on;
}

double line_width(double normal) {
    return g_presentation ? normal * kPresentationLineScale : normal;
}

static QFont scaled(QFont f, double points) {
    f.setPointSizeF(points * g_zoom * (g_presentation ? kPresentationFontScale : 1.0));
    return f;
}

QFont ui_font() {
    return scaled(QApplication::font(), 10);
}

QFont code_font() {
    return scaled(QFontDatabase::systemFont(QFontDatabase::FixedFont), 10);
}

QFont heading_font() {
    QFont f = scaled(QApplication::font(), 11);
    f.setBold(true);
    return f;
}

double zoom() {
    return g_zoom;
}

void set_zoom(double factor) {
    g_zoom = std::clamp(factor, 0.5, 3.0);
}

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                            a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

QPalette view_palette(QPalette p) {
    const Palette& t = palette();
    p.setColor(QPalette::Base, t.surface);
    p.setColor(QPalette::AlternateBase, t.background);
    p.setColor(QPalette::Window, t.background);
    p.setColor(QPalette::Button, t.background);
    p.setColor(QPalette::ButtonText, t.muted);
    p.setColor(QPalette::Text, t.text);
    p.setColor(QPalette::WindowText, t.text);
    p.setColor(QPalette::PlaceholderText, t.muted);
    p.setColor(QPalette::Highlight, blend(t.surface, t.border, 0.55));
    p.setColor(QPalette::HighlightedText, t.text);
    return p;
}

QString header_css() {
    const Palette& t = palette();
    return QStringLiteral("QHeaderView::section { background: %1; color: %2; border: none;"
                          " border-bottom: %4px solid %3; padding: 4px %5px; }")
        .arg(t.background.name(), t.muted.name(), t.border.name())
        .arg(line_width(1))
        .arg(kCellPadding);
}

QFont tag_font() {
    QFont f = ui_font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    return f;
}

double tag_width(const QString& text) {
    return QFontMetricsF(tag_font()).horizontalAdvance(text) + 12;
}

void draw_tag(QPainter& p, const QRectF& pill, const QString& text, bool alert) {
    const Palette& t = palette();
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(alert ? t.error : t.border, line_width(1)));
    p.setBrush(alert ? t.error_soft : t.background);
    QRectF r = pill.adjusted(0.5, 0.5, -0.5, -0.5);
    p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p.setFont(tag_font());
    p.setPen(alert ? t.error : t.muted);
    p.drawText(pill, Qt::AlignCenter, text);
    p.restore();
}

void set_markdown(QTextDocument& doc, const QString& markdown, const QFont& body) {
    doc.setDefaultFont(body);
    doc.setMarkdown(markdown);
    QTextCursor cursor(&doc);
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().fontFixedPitch()) continue;
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            QTextCharFormat code;
            code.setFontPointSize(body.pointSizeF() * 0.95);
            cursor.mergeCharFormat(code);
        }
}

void render_widget(QWidget& widget, QPainter& painter, const QRectF& target) {
    QSizeF size = widget.size();
    if (size.isEmpty() || target.isEmpty()) return;
    double s = std::min(target.width() / size.width(), target.height() / size.height());
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(s, s);
    widget.render(&painter, QPoint(), QRegion(),
                  QWidget::DrawChildren | QWidget::DrawWindowBackground);
    painter.restore();
}

} // namespace ds::theme
