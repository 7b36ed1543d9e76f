#include "theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPainter>
#include <QWidget>

#include <algorithm>

namespace ds::theme {

static double g_zoom = 1.0;

const Palette& palette() {
    static const Palette p;
    return p;
}

static QFont scaled(QFont f, double points) {
    f.setPointSizeF(points * g_zoom);
    return f;
}

QFont ui_font() { return scaled(QApplication::font(), 10); }

QFont code_font() { return scaled(QFontDatabase::systemFont(QFontDatabase::FixedFont), 10); }

QFont heading_font() {
    QFont f = scaled(QApplication::font(), 11);
    f.setBold(true);
    return f;
}

double zoom() { return g_zoom; }

void set_zoom(double factor) { g_zoom = std::clamp(factor, 0.5, 3.0); }

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
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
                          " border-bottom: 1px solid %3; padding: 4px %4px; }")
        .arg(t.background.name(), t.muted.name(), t.border.name())
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
    p.setPen(QPen(alert ? t.error : t.border, 1));
    p.setBrush(alert ? t.error_soft : t.background);
    QRectF r = pill.adjusted(0.5, 0.5, -0.5, -0.5);
    p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p.setFont(tag_font());
    p.setPen(alert ? t.error : t.muted);
    p.drawText(pill, Qt::AlignCenter, text);
    p.restore();
}

void render_widget(QWidget& widget, QPainter& painter, const QRectF& target) {
    QSizeF size = widget.size();
    if (size.isEmpty() || target.isEmpty()) return;
    double s = std::min(target.width() / size.width(), target.height() / size.height());
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(s, s);
    widget.render(&painter, QPoint(), QRegion(), QWidget::DrawChildren | QWidget::DrawWindowBackground);
    painter.restore();
}

} // namespace ds::theme
