#include "theme.h"

#include <QApplication>
#include <QFontDatabase>

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

} // namespace ds::theme
