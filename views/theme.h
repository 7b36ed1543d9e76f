// The look shared by every view: a calm palette with one accent for "the winner", and the
// fonts. Views take colours and fonts from here only, so presentation mode (issue 4) and
// exports can switch the whole look at once.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QString>

class QPainter;
class QTextDocument;
class QWidget;

namespace ds::theme {

struct Palette {
    QColor background{0xfa, 0xfa, 0xf8};
    QColor surface{0xff, 0xff, 0xff}; // cards, nodes
    QColor border{0xd6, 0xd3, 0xcc};
    QColor text{0x24, 0x27, 0x2e};
    QColor muted{0x7a, 0x7f, 0x87};  // secondary text, misses, struck-through losers
    QColor accent{0x1f, 0x7a, 0x5c}; // the winner (one accent only)
    QColor accent_soft{0xdf, 0xf1, 0xea};
    QColor hit{0x1f, 0x7a, 0x5c};
    QColor miss{0xb8, 0xb4, 0xac};
    QColor error{0xb4, 0x3c, 0x32};
    QColor error_soft{0xf8, 0xe3, 0xe0};
    QColor flash{0xff, 0xe8, 0xa3}; // a value that just changed
    QColor edge{0x8c, 0x90, 0x96};
};

// The current look's palette.
const Palette& palette();

// Presentation mode (issue 4): readable from the back of a room on a projector. A high-contrast
// palette, fonts ×1.6 on top of the user's zoom, and every line twice as thick.
bool presentation();
void set_presentation(bool on);

// The width of a pen that draws an edge, a border, a strike-through or a highlight, given its
// width in the normal look.
double line_width(double normal);

// Fonts scale with the user's zoom (Ctrl + / Ctrl -) and the look.
QFont ui_font();
QFont code_font();
QFont heading_font();
double zoom();
void set_zoom(double factor); // 0.5 .. 3.0

// Shared by the item views (tree and tables).
inline constexpr int kCellPadding = 8;
QColor blend(const QColor& a, const QColor& b, double t); // a towards b by t in 0..1
QPalette view_palette(QPalette p);                        // the theme's colours on a view
QString header_css();                                     // flat column headers, aligned with cells

// A small rounded tag after a name or value ("slot", "cache", "stale", "store"): alert tags
// (stale copies) in the error colours.
QFont tag_font();
double tag_width(const QString& text);
void draw_tag(QPainter& painter, const QRectF& pill, const QString& text, bool alert);

// Markdown in `body`, with its code (spans and blocks) in the code font at body's size: Qt's
// import gives code an absolute size, tiny next to large text.
void set_markdown(QTextDocument& doc, const QString& markdown, const QFont& body);

// Draws a widget (with its children) scaled into target: the export path of widget views.
void render_widget(QWidget& widget, QPainter& painter, const QRectF& target);

} // namespace ds::theme
