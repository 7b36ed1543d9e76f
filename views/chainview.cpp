#include "chainview.h"

#include "theme.h"

#include <QFontMetricsF>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ds {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// Very long reprs (a list of a thousand items) would make the picture unreadable: cut them.
QString cut(const QString& s, int max = 240) {
    return s.size() <= max ? s : s.left(max - 1) + QStringLiteral("…");
}

// ---- reading the events ------------------------------------------------------------------

// One stage slot of CPython's algorithm; a slot may accept several stage names (the third step
// of an instance lookup is "non-data descriptor" or "class attribute", whichever applies).
struct Slot {
    QStringList keys;
    QString label;
    bool decided = false;
};

QList<Slot> canonical_slots(const QString& kind, const QString& op) {
    auto slot = [](QStringList keys, QString label = {}) {
        Slot s;
        s.label = label.isEmpty() ? keys.front() : label;
        s.keys = std::move(keys);
        return s;
    };
    const QString dict =
        kind == QLatin1String("module") ? QString(stage::ModuleDict) : QString(stage::InstanceDict);
    if (op == QLatin1String("set")) return {slot({stage::Setter}), slot({dict})};
    if (op == QLatin1String("delete")) return {slot({stage::Deleter}), slot({dict})};
    if (op != QLatin1String("get")) return {};
    const QStringList third{stage::NonDataDescriptor, stage::ClassAttribute};
    const QString third_label = QStringLiteral("non-data descriptor / class attribute");
    if (kind == QLatin1String("instance"))
        return {slot({stage::DataDescriptor}), slot({stage::InstanceDict}),
                slot(third, third_label), slot({stage::Getattr})};
    if (kind == QLatin1String("module"))
        return {slot({stage::DataDescriptor}), slot({stage::ModuleDict}), slot(third, third_label),
                slot({stage::ModuleGetattr})};
    if (kind == QLatin1String("class"))
        return {slot({stage::MetaDataDescriptor}), slot({stage::ClassMro}),
                slot({stage::MetaAttribute})};
    return {}; // super and anything new: exactly the stages the events name
}

QString checked_line(const Event& e) {
    if (e.outcome == "found") {
        QString line = q(e.owner) + QStringLiteral("  ✓  ") + q(e.name) + QStringLiteral(" = ") +
                       cut(q(e.value), 80);
        if (!e.what.empty()) line += QStringLiteral("  (") + q(e.what) + QStringLiteral(")");
        return line;
    }
    return q(e.owner) + QStringLiteral("  –");
}

QString plural(int n, const char* one, const char* many) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

ChainView::Chain read_chain(const std::vector<Event>& events) {
    ChainView::Chain c;
    size_t i0 = 0;
    while (i0 < events.size() && events[i0].kind != EventKind::Lookup) ++i0;
    if (i0 == events.size()) return c;
    const Event& lookup = events[i0];
    const int d0 = lookup.depth;
    c.valid = true;
    c.op = q(lookup.op);
    c.object = q(lookup.object);
    c.object_kind = q(lookup.object_kind);
    c.name = q(lookup.name);

    QList<Slot> slot_list = canonical_slots(c.object_kind, c.op);
    QList<ChainView::Stage> stages;
    for (const Slot& s : slot_list) stages.append(ChainView::Stage{s.label, QString(), {}, false});
    QStringList pending; // MRO classes checked before the next step
    QList<ChainView::Check> pending_checks;
    QList<QList<ChainView::Check>> checks(stages.size());
    int last = -1; // the last slot a step decided
    int hit = -1;
    QString hit_owner, hit_what, hit_stage;
    const Event* last_top = nullptr;

    size_t j = i0 + 1;
    for (; j < events.size() && events[j].depth > d0; ++j) {
        const Event& e = events[j];
        if (e.depth > d0 + 1) { // code the lookup ran: summarised
            if (c.runner.isEmpty() && last_top) {
                if (last_top->kind == EventKind::DescriptorCall)
                    c.runner = q(last_top->what) + QLatin1Char('.') + q(last_top->op);
                else if (last_top->kind == EventKind::Step)
                    c.runner = q(last_top->stage);
            }
            switch (e.kind) {
            case EventKind::Lookup:
                ++c.nested_lookups;
                break;
            case EventKind::DictRead:
                ++c.nested_dict_reads;
                break;
            case EventKind::DictWrite:
            case EventKind::DictDelete:
                ++c.nested_dict_writes;
                break;
            case EventKind::StoreCall:
                if (e.op == "set" || e.op == "delete")
                    ++c.nested_store_writes;
                else
                    ++c.nested_store_reads;
                break;
            case EventKind::Call:
                ++c.nested_calls;
                break;
            case EventKind::Print: {
                QString text = q(e.value);
                if (text.endsWith(QLatin1Char('\n'))) text.chop(1);
                c.printed.append(text);
                break;
            }
            default:
                break;
            }
            continue;
        }
        last_top = &e;
        switch (e.kind) {
        case EventKind::MroClass:
            pending.append(checked_line(e));
            pending_checks.append(ChainView::Check{q(e.owner), cut(q(e.value), 160), q(e.what),
                                                   e.outcome == "found"});
            break;
        case EventKind::Step: {
            const QString st = q(e.stage);
            int k = -1;
            for (int s = std::max(last + 1, 0); s < slot_list.size() && k < 0; ++s)
                if (slot_list[s].keys.contains(st)) k = s;
            for (int s = 0; s < slot_list.size() && k < 0; ++s)
                if (slot_list[s].keys.contains(st)) k = s;
            if (k < 0) { // a stage the canonical list does not know: keep the events' order
                k = last + 1;
                slot_list.insert(k, Slot{{st}, st, false});
                stages.insert(k, ChainView::Stage{st, QString(), {}, false});
                checks.insert(k, {});
            }
            Slot& slot = slot_list[k];
            ChainView::Stage& stage = stages[k];
            slot.decided = true;
            stage.outcome = q(e.outcome);
            stage.checked += pending;
            pending.clear();
            checks[k] += pending_checks;
            pending_checks.clear();
            if (e.outcome == "hit" || e.outcome == "runs code") stage.name = st;
            if (e.outcome == "hit" && hit < 0) {
                hit = k;
                hit_owner = q(e.owner);
                hit_what = q(e.what);
                hit_stage = st;
            }
            if (e.outcome == "runs code" && !c.runs_code) {
                c.runs_code = true;
                c.runs_code_where = st;
            }
            last = std::max(last, k);
            break;
        }
        case EventKind::Winner:
            c.has_winner = true;
            c.winner_stage = q(e.stage);
            c.winner_owner = q(e.owner);
            c.winner_what = q(e.what);
            c.winner_value = q(e.value);
            break;
        case EventKind::Shadowed:
            c.shadowed.append(ChainView::Shadow{q(e.stage), q(e.owner), q(e.value), q(e.what)});
            break;
        case EventKind::DescriptorCall: {
            const QString call = q(e.what) + QLatin1Char('.') + q(e.op);
            if (e.outcome == "not run")
                c.not_run = call;
            else
                c.runner = call;
            if (c.op != QLatin1String("get") && e.outcome != "not run" && !c.has_result) {
                c.has_result = true;
                c.result = call + QStringLiteral(" ran");
            }
            break;
        }
        case EventKind::DictWrite:
            c.has_result = true;
            c.result = (e.stage.empty() ? QStringLiteral("__dict__['%1'] = ").arg(q(e.name))
                                        : QStringLiteral("slot %1 = ").arg(q(e.name))) +
                       cut(q(e.value));
            break;
        case EventKind::DictDelete:
            c.has_result = true;
            c.result = e.stage.empty() ? QStringLiteral("del __dict__['%1']").arg(q(e.name))
                                       : QStringLiteral("del slot %1").arg(q(e.name));
            break;
        case EventKind::Result:
            c.has_result = true;
            c.result = cut(q(e.value), 400);
            break;
        case EventKind::Exception:
            c.has_exception = true;
            c.exception = cut(q(e.message), 400);
            break;
        case EventKind::Print: {
            QString text = q(e.value);
            if (text.endsWith(QLatin1Char('\n'))) text.chop(1);
            c.printed.append(text);
            break;
        }
        default:
            break;
        }
    }
    // static_lookup adds the exception after the lookup when the engine did not record it.
    if (j < events.size() && events[j].kind == EventKind::Exception && !c.has_exception) {
        c.has_exception = true;
        c.exception = cut(q(events[j].message), 400);
    }
    if (!pending.isEmpty() && !stages.isEmpty()) {
        stages[std::max(last, 0)].checked += pending;
        checks[std::max(last, 0)] += pending_checks;
    }

    // The winner: the Winner event, else the stage that hit (a metatype data descriptor,
    // __getattr__, __getattribute__).
    if (!c.has_winner && hit >= 0) {
        c.has_winner = true;
        c.winner_stage = hit_stage;
        c.winner_owner = hit_owner;
        c.winner_what = hit_what;
    }
    if (c.has_winner && c.winner_value.isEmpty() && !c.winner_owner.isEmpty()) {
        // No Winner event (a metatype attribute): the value the MRO scan found in its owner.
        for (const auto& list : checks)
            for (const ChainView::Check& k : list)
                if (k.found && k.owner == c.winner_owner && c.winner_value.isEmpty())
                    c.winner_value = k.value;
    }
    if (c.has_winner) {
        for (int s = 0; s < slot_list.size() && c.winner_index < 0; ++s)
            if (slot_list[s].keys.contains(c.winner_stage) &&
                stages[s].outcome == QLatin1String("hit"))
                c.winner_index = s;
        if (c.winner_index < 0) c.winner_index = hit;
        if (c.winner_index >= 0) {
            stages[c.winner_index].winner = true;
            stages[c.winner_index].name = c.winner_stage;
        }
    }
    // Stages without a step: after the deciding one they were not reached; otherwise the
    // algorithm had nothing to do there (no __getattr__ to call, for instance).
    const bool stopped = hit >= 0 || c.runs_code;
    const int stop_at = hit >= 0 ? hit : last;
    for (int s = 0; s < stages.size(); ++s) {
        if (!stages[s].outcome.isEmpty()) continue;
        stages[s].outcome =
            (stopped && s > stop_at) ? QStringLiteral("not reached") : QStringLiteral("skipped");
    }
    c.stages = stages;
    c.checks = checks;
    return c;
}

QString shadow_text(const ChainView::Shadow& s) {
    QString t = s.stage;
    if (!s.owner.isEmpty()) t += QStringLiteral(" in ") + s.owner;
    if (!s.value.isEmpty())
        t += (s.owner.isEmpty() ? QStringLiteral(" ") : QStringLiteral(": ")) + cut(s.value, 120);
    return t;
}

QString winner_text(const ChainView::Chain& c) {
    if (!c.has_winner) return {};
    QString t = c.winner_stage;
    if (!c.winner_owner.isEmpty()) t += QStringLiteral(" in ") + c.winner_owner;
    if (!c.winner_value.isEmpty()) t += QStringLiteral(": ") + cut(c.winner_value, 120);
    return t;
}

// "obj.__dict__['x'] = 1" / "Person.full_name = <property object>": the winning definition.
QString winner_line(const ChainView::Chain& c) {
    if (!c.has_winner || c.winner_value.isEmpty()) return {};
    QString where;
    if (!c.winner_owner.isEmpty())
        where = c.winner_owner + QLatin1Char('.') + c.name;
    else
        where = QStringLiteral("__dict__['%1']").arg(c.name);
    return where + QStringLiteral(" = ") + cut(c.winner_value);
}

QString summary_of(const ChainView::Chain& c) {
    QStringList parts;
    if (c.nested_lookups) parts << plural(c.nested_lookups, "nested lookup", "nested lookups");
    if (c.nested_calls) parts << plural(c.nested_calls, "call", "calls");
    if (c.nested_dict_reads) parts << plural(c.nested_dict_reads, "dict read", "dict reads");
    if (c.nested_dict_writes) parts << plural(c.nested_dict_writes, "dict write", "dict writes");
    if (c.nested_store_reads) parts << plural(c.nested_store_reads, "store read", "store reads");
    if (c.nested_store_writes)
        parts << plural(c.nested_store_writes, "store write", "store writes");
    if (c.runner.isEmpty() && parts.isEmpty()) return {};
    QString who = c.runner.isEmpty() ? QStringLiteral("the lookup") : c.runner;
    if (parts.isEmpty()) return who + QStringLiteral(" ran");
    return who + QStringLiteral(" ran ") + parts.join(QStringLiteral(", "));
}

// ---- drawing -----------------------------------------------------------------------------

struct Fonts {
    QFont title, sub, label, stage, body, small, code, code_bold, chip, result, tag, number;
};

Fonts make_fonts() {
    Fonts f;
    // Pixel sizes (at 96 dpi): the picture has the same proportions on the screen, in SVG, PDF
    // and PNG, whatever the device's resolution; exporters scale the painter.
    auto scaled = [](QFont font, double factor, bool bold = false) {
        const double points = font.pointSizeF() > 0 ? font.pointSizeF() : font.pixelSize() * 0.75;
        font.setPixelSize(std::max(1, int(std::lround(points * factor * 96.0 / 72.0))));
        font.setBold(bold);
        return font;
    };
    const QFont ui = theme::ui_font();
    const QFont code = theme::code_font();
    f.title = scaled(theme::heading_font(), 1.75, true);
    f.sub = scaled(ui, 1.15);
    f.label = scaled(ui, 1.0, true);
    f.label.setCapitalization(QFont::AllUppercase);
    f.label.setLetterSpacing(QFont::PercentageSpacing, 108);
    f.stage = scaled(ui, 1.4, true);
    f.body = scaled(ui, 1.2);
    f.small = scaled(ui, 1.05);
    f.code = scaled(code, 1.2);
    f.chip = scaled(code, 1.05);
    f.code_bold = scaled(code, 1.2, true);
    f.result = scaled(code, 1.7, true);
    f.tag = scaled(ui, 1.05, true);
    f.number = scaled(ui, 1.15, true);
    return f;
}

// Painting context: painter null = measure only.
struct Ctx {
    QPainter* p;
    QPaintDevice* dev;
    Fonts f;
    const theme::Palette& pal;
    double em; // body font height

    // Lays out s in width w (wrapping at word boundaries, or anywhere inside a long repr),
    // draws it at (x, y) when painting, and returns its height.
    double text(const QFont& font, const QColor& colour, double x, double y, double w,
                const QString& s, bool strike = false) const {
        QFont ft = font;
        QString t = s;
        if (ft.capitalization() == QFont::AllUppercase) { // spelt out: SVG text keeps the case
            t = t.toUpper();
            ft.setCapitalization(QFont::MixedCase);
        }
        t.replace(QLatin1Char('\n'), QChar::LineSeparator);
        QTextLayout layout(t, ft, dev);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        double h = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(std::max(w, 1.0));
            line.setPosition(QPointF(0, h));
            h += line.height();
        }
        layout.endLayout();
        if (p) {
            p->save();
            p->setPen(colour);
            layout.draw(p, QPointF(x, y));
            if (strike) { // drawn, not the font's: it thickens with the other lines
                const QFontMetricsF fm(ft, dev);
                p->setPen(QPen(colour, theme::line_width(fm.lineWidth())));
                for (int i = 0; i < layout.lineCount(); ++i) {
                    const QTextLine line = layout.lineAt(i);
                    const double sy = y + line.y() + line.ascent() - fm.strikeOutPos();
                    p->drawLine(QPointF(x + line.x(), sy),
                                QPointF(x + line.x() + line.naturalTextWidth(), sy));
                }
            }
            p->restore();
        }
        return h;
    }
    double code(const QFont& font, const QColor& colour, double x, double y, double w,
                const QString& s, bool strike = false) const {
        return text(font, colour, x, y, w, s, strike);
    }
    double width_of(const QFont& font, const QString& s) const {
        return QFontMetricsF(font, dev).horizontalAdvance(s);
    }
    double height_of(const QFont& font) const { return QFontMetricsF(font, dev).height(); }
};

enum class CardStyle { Winner, Miss, Dashed, Code, Error, Plain };

void draw_card(const Ctx& c, const QRectF& r, CardStyle style) {
    if (!c.p) return;
    QPainter& p = *c.p;
    p.save();
    QPen pen(c.pal.border, theme::line_width(1.2));
    QColor fill = c.pal.surface;
    switch (style) {
    case CardStyle::Winner:
        pen = QPen(c.pal.accent, theme::line_width(2.6));
        fill = c.pal.accent_soft;
        break;
    case CardStyle::Miss:
        break;
    case CardStyle::Dashed:
        pen = QPen(c.pal.miss, theme::line_width(1.3), Qt::DashLine);
        fill = c.pal.background;
        break;
    case CardStyle::Code:
        pen = QPen(c.pal.edge, theme::line_width(1.4), Qt::DashDotLine);
        break;
    case CardStyle::Error:
        pen = QPen(c.pal.error, theme::line_width(2.2));
        fill = c.pal.error_soft;
        break;
    case CardStyle::Plain:
        break;
    }
    p.setPen(pen);
    p.setBrush(fill);
    const double radius = 0.45 * c.em;
    p.drawRoundedRect(
        r.adjusted(pen.widthF() / 2, pen.widthF() / 2, -pen.widthF() / 2, -pen.widthF() / 2),
        radius, radius);
    p.restore();
}

// A small pill with text, right-aligned at (right, y); returns its width.
double draw_tag(const Ctx& c, double right, double y, double h, const QString& text,
                const QColor& fg, const QColor& bg, bool outline) {
    const double w = c.width_of(c.f.tag, text) + 1.0 * c.em;
    if (c.p) {
        QRectF r(right - w, y, w, h);
        c.p->save();
        c.p->setPen(outline ? QPen(fg, theme::line_width(1.2)) : Qt::NoPen);
        c.p->setBrush(bg);
        c.p->drawRoundedRect(r, h / 2, h / 2);
        c.p->setFont(c.f.tag);
        c.p->setPen(fg);
        c.p->drawText(r, Qt::AlignCenter, text);
        c.p->restore();
    }
    return w;
}

// The PEP 549 what-if's stage is not Python's: wherever it is drawn, a label at (x, y), at most
// w wide (wrapped when narrower), says so. Returns its height (0 for every other stage).
double draw_what_if_label(const Ctx& c, const QString& stage_name, double x, double y, double w) {
    if (stage_name != QLatin1String(stage::InstanceDescriptor)) return 0;
    const QString text = ChainView::tr("what-if: never adopted by CPython");
    const double pad = 0.45 * c.em, vpad = 0.15 * c.em;
    const double text_w = std::min(c.width_of(c.f.tag, text) + 2, w - 2 * pad);
    Ctx measure = c;
    measure.p = nullptr;
    const double h = measure.text(c.f.tag, c.pal.text, 0, 0, text_w, text) + 2 * vpad;
    if (c.p) {
        c.p->save();
        c.p->setPen(QPen(c.pal.text, 1.2));
        c.p->setBrush(c.pal.flash);
        c.p->drawRoundedRect(QRectF(x, y, text_w + 2 * pad, h), 0.3 * c.em, 0.3 * c.em);
        c.p->restore();
    }
    c.text(c.f.tag, c.pal.text, x + pad, y + vpad, text_w, text);
    return h;
}

void draw_connector(const Ctx& c, double x, double y, double h) {
    if (!c.p) return;
    QPainter& p = *c.p;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(c.pal.edge, theme::line_width(1.6)));
    const double a = 0.28 * c.em;
    p.drawLine(QPointF(x, y + 0.15 * h), QPointF(x, y + h - 0.2 * h));
    QPainterPath head;
    head.moveTo(x - a, y + h - 0.2 * h - a);
    head.lineTo(x, y + h - 0.2 * h);
    head.lineTo(x + a, y + h - 0.2 * h - a);
    p.drawPath(head);
    p.restore();
}

} // namespace

// ---- ChainView ---------------------------------------------------------------------------

ChainView::ChainView(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAutoFillBackground(false);
    setAccessibleName(tr("Precedence chain"));
}

void ChainView::show_chain(const QString& title, const std::vector<Event>& static_events,
                           const std::vector<Event>& dynamic_events) {
    title_ = title;
    static_ = read_chain(static_events);
    dynamic_ = read_chain(dynamic_events);
    has_run_ = dynamic_.valid;
    setToolTip(has_run_ ? QString()
                        : tr("Not run yet: the chain shows what CPython's algorithm "
                             "decides from the dicts alone."));
    updateGeometry();
    update();
}

void ChainView::clear() {
    title_.clear();
    static_ = Chain{};
    dynamic_ = Chain{};
    has_run_ = false;
    updateGeometry();
    update();
}

void ChainView::apply_theme() {
    updateGeometry();
    update();
}

QString ChainView::op() const {
    return shown().valid ? shown().op : QString();
}

QList<ChainView::Stage> ChainView::stages() const {
    return shown().stages;
}

QString ChainView::winner() const {
    return winner_text(shown());
}

QStringList ChainView::shadowed() const {
    QStringList out;
    for (const Shadow& s : shown().shadowed) out << shadow_text(s);
    return out;
}

bool ChainView::has_run() const {
    return has_run_;
}

bool ChainView::result_is_error() const {
    return has_run_ && dynamic_.has_exception;
}

QString ChainView::result() const {
    if (!has_run_) return shown().valid || !title_.isEmpty() ? tr("not run yet") : QString();
    if (dynamic_.has_exception) return dynamic_.exception;
    if (dynamic_.has_result) return dynamic_.result;
    return tr("done");
}

QString ChainView::nested_summary() const {
    return summary_of(shown());
}

QString ChainView::static_answer() const {
    const Chain& s = static_;
    if (!s.valid) return {};
    if (s.has_exception) return s.exception;
    if (s.op == QLatin1String("get")) {
        if (s.has_winner && !s.winner_value.isEmpty()) return s.winner_value;
        if (s.runs_code) return tr("runs code: %1").arg(s.runs_code_where);
        if (s.has_result) return s.result;
        return {};
    }
    if (s.has_winner && !s.winner_value.isEmpty()) return s.winner_value;
    if (s.has_result) return s.result;
    if (s.runs_code) return tr("runs code: %1").arg(s.runs_code_where);
    return {};
}

// ---- geometry ----------------------------------------------------------------------------

QSize ChainView::sizeHint() const {
    const Fonts f = make_fonts();
    const double em = QFontMetricsF(f.body, const_cast<ChainView*>(this)).height();
    const int w = int(em * 46);
    return QSize(w, heightForWidth(w));
}

QSize ChainView::minimumSizeHint() const {
    const Fonts f = make_fonts();
    const double em = QFontMetricsF(f.body, const_cast<ChainView*>(this)).height();
    return QSize(int(em * 22), int(em * 10));
}

int ChainView::heightForWidth(int width) const {
    return int(std::ceil(paint_all(nullptr, const_cast<ChainView*>(this), QRectF(0, 0, width, 0))));
}

void ChainView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render_to(painter, QRectF(rect()));
}

void ChainView::render_to(QPainter& painter, const QRectF& target) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setClipRect(target);
    painter.fillRect(target, theme::palette().background);
    paint_all(&painter, painter.device() ? painter.device() : const_cast<ChainView*>(this), target);
    painter.restore();
}

double ChainView::paint_all(QPainter* painter, QPaintDevice* device, const QRectF& rect) const {
    const theme::Palette& pal = theme::palette();
    Fonts fonts = make_fonts();
    const double em = QFontMetricsF(fonts.body, device).height();
    Ctx c{painter, device, fonts, pal, em};
    const Fonts& f = c.f;

    const double margin = 1.1 * em;
    const double x0 = rect.left() + margin;
    const double full_w = std::max(rect.width() - 2 * margin, 8 * em);
    double y = rect.top() + margin;

    const Chain& ch = shown();
    if (!ch.valid) {
        QString hint =
            title_.isEmpty()
                ? tr("Select an object and an attribute to see why Python finds its value.")
                : tr("%1: no lookup to show.").arg(title_);
        y += c.text(f.sub, pal.muted, x0, y, full_w, hint);
        return y - rect.top() + margin;
    }

    // ---- header: "foo.full_name" [get]   <Person object> · instance
    {
        const QString title = title_.isEmpty() ? ch.name : title_;
        const double th = c.height_of(f.title);
        const double tag_h = c.height_of(f.tag) + 0.35 * em;
        const double op_w = c.width_of(f.tag, ch.op) + 1.0 * em;
        const double title_w = std::min(c.width_of(f.title, title) + 2, full_w - op_w - em);
        double h = c.text(f.title, pal.text, x0, y, title_w, title);
        draw_tag(c, x0 + title_w + 0.6 * em + op_w, y + (th - tag_h) / 2, tag_h, ch.op, pal.text,
                 pal.surface, true);
        y += std::max(h, th) + 0.15 * em;
        QString sub = cut(ch.object, 100) + QStringLiteral("  ·  ") + ch.object_kind;
        y += c.text(f.sub, pal.muted, x0, y, full_w, sub);
        // The answer up front too: the result card below the stages may be out of sight.
        if (has_run_) {
            const bool error = dynamic_.has_exception;
            y += 0.15 * em;
            y += c.text(f.sub, error ? pal.error : pal.accent, x0, y, full_w,
                        (error ? QStringLiteral("✗ ") : QStringLiteral("→ ")) + cut(result(), 160));
        }
        y += 0.9 * em;
    }

    // ---- columns
    const bool side_by_side = full_w >= 34 * em;
    const double gap = 1.4 * em;
    const double static_w = side_by_side ? std::clamp(full_w * 0.3, 13 * em, 20 * em) : full_w;
    const double main_w = side_by_side ? full_w - static_w - gap : full_w;
    const double static_x = side_by_side ? x0 + main_w + gap : x0;
    const double top = y;

    // Column label
    y += c.text(f.label, pal.muted, x0, y, main_w,
                has_run_ ? tr("What Python did") : tr("What Python will do (not run yet)"));
    y += 0.45 * em;

    const double pad = 0.8 * em;
    const double num_d = c.height_of(f.stage);
    const double tag_h = c.height_of(f.tag) + 0.3 * em;

    const bool raised = has_run_ && dynamic_.has_exception;
    for (int i = 0; i < ch.stages.size(); ++i) {
        const Stage& s = ch.stages[i];
        const QList<Check> checks = i < ch.checks.size() ? ch.checks[i] : QList<Check>{};
        const bool win = s.winner;
        const bool win_raised = win && raised; // the deciding stage raised
        const bool miss = s.outcome == QLatin1String("miss");
        const bool dashed =
            s.outcome == QLatin1String("not reached") || s.outcome == QLatin1String("skipped");
        const bool code_runs = s.outcome == QLatin1String("runs code");
        const bool hit = s.outcome == QLatin1String("hit");
        const CardStyle style = win_raised  ? CardStyle::Error
                                : win       ? CardStyle::Winner
                                : code_runs ? CardStyle::Code
                                : dashed    ? CardStyle::Dashed
                                : hit       ? CardStyle::Plain
                                            : CardStyle::Miss;
        const QColor name_colour = win ? pal.text : (dashed || miss) ? pal.muted : pal.text;
        const QString tag_text = win_raised  ? tr("raised")
                                 : win       ? tr("✓  winner")
                                 : hit       ? tr("✓  hit")
                                 : miss      ? tr("miss")
                                 : code_runs ? tr("⚙  runs code")
                                             : s.outcome;
        const QColor tag_fg = (win || win_raised) ? pal.surface : code_runs ? pal.text : pal.muted;
        const QColor tag_bg = win_raised ? pal.error : win ? pal.accent : pal.background;
        const QColor line_colour = win_raised ? pal.error : pal.accent;
        const double vpad = dashed ? 0.45 * em : pad; // not-reached stages stay compact

        auto content = [&](const Ctx& cc, double cx, double cy) -> double {
            const double inner_w = main_w - 2 * pad;
            double yy = cy;
            // Row: number, stage name, tag
            const double tag_w = cc.width_of(f.tag, tag_text) + 1.0 * em;
            const double name_x = cx + num_d + 0.6 * em;
            const double name_w = inner_w - num_d - 0.6 * em - tag_w - 0.6 * em;
            if (cc.p) {
                QRectF circle(cx, yy, num_d, num_d);
                cc.p->save();
                cc.p->setPen(win ? Qt::NoPen
                                 : QPen(dashed ? pal.miss : pal.border, theme::line_width(1.2)));
                cc.p->setBrush(win ? line_colour : pal.surface);
                cc.p->drawEllipse(circle);
                cc.p->setFont(f.number);
                cc.p->setPen(win ? pal.surface : pal.muted);
                cc.p->drawText(circle, Qt::AlignCenter, QString::number(i + 1));
                cc.p->restore();
            }
            const double nh = cc.text(f.stage, name_colour, name_x, yy, name_w, s.name);
            draw_tag(cc, cx + inner_w, yy + (num_d - tag_h) / 2, tag_h, tag_text, tag_fg, tag_bg,
                     !win);
            yy += std::max(nh, num_d);
            const double body_x = name_x;
            const double body_w = cx + inner_w - body_x;
            if (const double lh = draw_what_if_label(cc, s.name, body_x, yy + 0.25 * em, body_w);
                lh > 0)
                yy += lh + 0.25 * em;

            // The classes this stage looked in, as chips: "Person ✓", "object –".
            if (!checks.isEmpty()) {
                yy += 0.35 * em;
                const double chip_h = cc.height_of(f.chip) + 0.3 * em;
                const double label_w = cc.width_of(f.small, tr("looked in")) + 0.5 * em;
                cc.text(f.small, pal.muted, body_x, yy + (chip_h - cc.height_of(f.small)) / 2,
                        label_w, tr("looked in"));
                double cx2 = body_x + label_w;
                for (const Check& k : checks) {
                    const QString text =
                        k.owner + (k.found ? QStringLiteral(" ✓") : QStringLiteral(" –"));
                    const double w = cc.width_of(f.chip, text) + 0.9 * em;
                    if (cx2 + w > body_x + body_w && cx2 > body_x + label_w) {
                        cx2 = body_x + label_w;
                        yy += chip_h + 0.3 * em;
                    }
                    if (cc.p) {
                        QRectF r(cx2, yy, w, chip_h);
                        cc.p->save();
                        cc.p->setPen(
                            QPen(k.found && !dashed ? pal.edge : pal.border, theme::line_width(1)));
                        cc.p->setBrush(k.found ? pal.surface : pal.background);
                        cc.p->drawRoundedRect(r, 0.3 * em, 0.3 * em);
                        cc.p->setFont(f.chip);
                        cc.p->setPen(k.found ? pal.text : pal.muted);
                        cc.p->drawText(r, Qt::AlignCenter, text);
                        cc.p->restore();
                    }
                    cx2 += w + 0.35 * em;
                }
                yy += chip_h;
            }
            // What was found there: "Person.score = <CachedProperty object>  non-data descriptor".
            bool winner_drawn = false;
            auto definition = [&](const QString& code, const QString& what, const QColor& colour,
                                  bool bold) {
                yy += 0.3 * em;
                yy += cc.code(bold ? f.code_bold : f.code, colour, body_x, yy, body_w, code);
                if (!what.isEmpty()) yy += cc.text(f.small, pal.muted, body_x, yy, body_w, what);
            };
            for (const Check& k : checks) {
                if (!k.found) continue;
                const bool is_winner = win && k.owner == ch.winner_owner && !winner_drawn;
                winner_drawn = winner_drawn || is_winner;
                definition(k.owner + QLatin1Char('.') + ch.name + QStringLiteral(" = ") + k.value,
                           k.what == s.name ? QString() : k.what,
                           is_winner ? line_colour
                           : dashed  ? pal.muted
                                     : pal.text,
                           is_winner);
            }
            if (win && !winner_drawn) {
                const QString wl = winner_line(ch);
                if (!wl.isEmpty())
                    definition(wl, ch.winner_what == s.name ? QString() : ch.winner_what,
                               line_colour, true);
            }
            if (win) {
                const QString summary = summary_of(ch);
                const QString detail = summary.section(QStringLiteral(" ran "), 1);
                if (!ch.runner.isEmpty() || !detail.isEmpty()) {
                    yy += 0.45 * em;
                    yy += cc.text(f.body, pal.text, body_x, yy, body_w,
                                  QStringLiteral("⚙  ") + tr("runs %1").arg(ch.runner.isEmpty()
                                                                                ? tr("code")
                                                                                : ch.runner));
                    if (!detail.isEmpty())
                        yy += cc.text(f.small, pal.muted, body_x + 1.4 * em, yy, body_w - 1.4 * em,
                                      detail);
                } else if (!ch.not_run.isEmpty()) {
                    yy += 0.45 * em;
                    yy += cc.text(f.body, pal.muted, body_x, yy, body_w,
                                  QStringLiteral("⚙  ") + tr("will run %1").arg(ch.not_run));
                }
                for (int k = 0; k < ch.printed.size() && k < 3; ++k)
                    yy += cc.code(f.code, pal.muted, body_x + 1.4 * em, yy, body_w - 1.4 * em,
                                  tr("print: %1").arg(cut(ch.printed[k], 120)));
                if (ch.printed.size() > 3)
                    yy += cc.text(f.small, pal.muted, body_x + 1.4 * em, yy, body_w - 1.4 * em,
                                  tr("… %1 more printed lines").arg(ch.printed.size() - 3));
                if (!ch.shadowed.isEmpty()) {
                    yy += 0.55 * em;
                    if (cc.p) {
                        cc.p->save();
                        cc.p->setPen(QPen(pal.border, theme::line_width(1)));
                        cc.p->drawLine(QPointF(body_x, yy), QPointF(body_x + body_w, yy));
                        cc.p->restore();
                    }
                    yy += 0.4 * em;
                    yy += cc.text(f.label, pal.muted, body_x, yy, body_w,
                                  tr("Shadowed by the winner"));
                    for (const Shadow& sh : ch.shadowed) {
                        yy += 0.2 * em;
                        const QString code =
                            (sh.owner.isEmpty() ? QStringLiteral("__dict__['%1']").arg(ch.name)
                                                : sh.owner + QLatin1Char('.') + ch.name) +
                            (sh.value.isEmpty() ? QString()
                                                : QStringLiteral(" = ") + cut(sh.value, 120));
                        yy += cc.code(f.code, pal.muted, body_x, yy, body_w, code, true);
                        yy += cc.text(f.small, pal.muted, body_x, yy, body_w,
                                      sh.stage + (sh.what.isEmpty() || sh.what == sh.stage
                                                      ? QString()
                                                      : QStringLiteral(" · ") + sh.what));
                    }
                }
            } else if (code_runs) {
                yy += 0.3 * em;
                yy += cc.text(f.small, pal.muted, body_x, yy, body_w,
                              tr("the real lookup runs code here; the static chain stops"));
            }
            return yy - cy;
        };
        Ctx measure = c;
        measure.p = nullptr;
        const double h = content(measure, x0 + pad, y + vpad) + 2 * vpad;
        draw_card(c, QRectF(x0, y, main_w, h), style);
        content(c, x0 + pad, y + vpad);
        y += h;
        // connector to the next card (or to the result)
        const double conn_h = 1.2 * em;
        draw_connector(c, x0 + pad + num_d / 2, y, conn_h);
        y += conn_h;
    }
    // ---- the result
    {
        QString label, value;
        CardStyle style = CardStyle::Plain;
        QColor colour = pal.text;
        if (!has_run_) {
            label = tr("Result");
            value = tr("not run yet");
            style = CardStyle::Dashed;
            colour = pal.muted;
        } else if (dynamic_.has_exception) {
            label = tr("Raises");
            value = dynamic_.exception;
            style = CardStyle::Error;
            colour = pal.error;
        } else {
            label = ch.op == QLatin1String("get") ? tr("Result") : tr("Effect");
            value = result();
        }
        auto content = [&](const Ctx& cc, double cx, double cy) -> double {
            double yy = cy;
            yy += cc.text(f.label, style == CardStyle::Error ? pal.error : pal.muted, cx, yy,
                          main_w - 2 * pad, label);
            yy += 0.2 * em;
            QFont font = has_run_ ? f.result : f.stage;
            if (!has_run_) font.setBold(false);
            yy += cc.code(font, colour, cx, yy, main_w - 2 * pad, value);
            return yy - cy;
        };
        Ctx measure = c;
        measure.p = nullptr;
        const double h = content(measure, x0 + pad, y + pad) + 2 * pad;
        draw_card(c, QRectF(x0, y, main_w, h), style);
        if (painter && style == CardStyle::Plain) { // a bar in the accent: this is the answer
            painter->save();
            painter->setPen(Qt::NoPen);
            painter->setBrush(pal.accent);
            painter->drawRoundedRect(QRectF(x0, y, 0.35 * em, h), 0.17 * em, 0.17 * em);
            painter->restore();
        }
        content(c, x0 + pad, y + pad);
        y += h;
    }
    const double main_bottom = y;

    // ---- the static answer column
    double sy = side_by_side ? top : main_bottom + 1.4 * em;
    {
        sy += c.text(f.label, pal.muted, static_x, sy, static_w, tr("Static answer"));
        sy += 0.45 * em;
        const Chain& s = static_;
        const QString answer = static_answer();
        const bool error = s.valid && s.has_exception;
        auto content = [&](const Ctx& cc, double cx, double cy) -> double {
            const double w = static_w - 2 * pad;
            double yy = cy;
            yy += cc.text(f.small, pal.muted, cx, yy, w,
                          s.op == QLatin1String("get") || !s.valid
                              ? tr("getattr_static: no code runs")
                              : tr("from the dicts alone: no code runs"));
            yy += 0.5 * em;
            if (!s.valid) {
                yy += cc.text(f.body, pal.muted, cx, yy, w, tr("(no static chain)"));
                return yy - cy;
            }
            if (error) {
                yy += cc.code(f.code_bold, pal.error, cx, yy, w, answer);
                return yy - cy;
            }
            if (s.has_winner) {
                QString where = s.winner_stage;
                if (!s.winner_owner.isEmpty()) where += tr(" in ") + s.winner_owner;
                yy += cc.text(f.body, pal.text, cx, yy, w, where);
                if (const double lh = draw_what_if_label(cc, s.winner_stage, cx, yy + 0.25 * em, w);
                    lh > 0)
                    yy += lh + 0.25 * em;
                yy += 0.2 * em;
                yy += cc.code(f.code_bold, pal.text, cx, yy, w,
                              answer.isEmpty() ? tr("(nothing)") : answer);
            } else if (s.runs_code) {
                yy += cc.text(f.body, pal.text, cx, yy, w, s.runs_code_where);
                yy += 0.2 * em;
                yy += cc.text(f.body, pal.muted, cx, yy, w, tr("⚙  runs code: no static answer"));
            } else {
                yy += cc.code(f.code_bold, pal.text, cx, yy, w,
                              answer.isEmpty() ? tr("(nothing)") : answer);
            }
            if (!s.not_run.isEmpty()) {
                yy += 0.4 * em;
                yy += cc.text(f.small, pal.muted, cx, yy, w,
                              s.op == QLatin1String("get")
                                  ? tr("%1 is not called: the static answer is the descriptor "
                                       "itself")
                                        .arg(s.not_run)
                                  : tr("the real statement calls %1").arg(s.not_run));
            }
            if (s.runs_code && s.has_winner) {
                yy += 0.4 * em;
                yy += cc.text(f.small, pal.muted, cx, yy, w,
                              tr("(%1 would run code first)").arg(s.runs_code_where));
            }
            if (has_run_ && s.op == QLatin1String("get") && !dynamic_.has_exception &&
                dynamic_.has_result && !answer.isEmpty() && answer != dynamic_.result) {
                yy += 0.5 * em;
                yy += cc.text(f.small, pal.text, cx, yy, w,
                              tr("≠ the run's result, %1").arg(cut(dynamic_.result, 60)));
            }
            return yy - cy;
        };
        Ctx measure = c;
        measure.p = nullptr;
        const double h = content(measure, static_x + pad, sy + pad) + 2 * pad;
        draw_card(c, QRectF(static_x, sy, static_w, h), error ? CardStyle::Error : CardStyle::Miss);
        content(c, static_x + pad, sy + pad);
        sy += h;
    }

    const double bottom = std::max(main_bottom, sy);
    return bottom - rect.top() + margin;
}

} // namespace ds
