#include "jsonhighlighter.h"

#include "theme.h"

#include <QTextDocument>

namespace ds {

namespace {

constexpr int KindProperty = QTextFormat::UserProperty + 1;

// Block state: 0 outside the script array; n > 0 inside it at bracket depth n (1 = directly in
// the array, where each string is one statement).
int script_depth(int state) {
    return state > 0 ? state : 0;
}

bool is_code_key(QStringView key) {
    return key == u"source" || key == u"get" || key == u"set" || key == u"delete" ||
           key == u"expr" || key == u"new";
}

bool is_number_char(QChar c) {
    return c.isDigit() || c == u'.' || c == u'-' || c == u'+' || c == u'e' || c == u'E';
}

QTextCharFormat tagged(const QColor& colour, const QString& kind, bool bold = false) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold) f.setFontWeight(QFont::DemiBold);
    f.setProperty(KindProperty, kind);
    return f;
}

// A colour between two theme colours (t = 0: a, t = 1: b).
QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
    build_formats();
}

void JsonHighlighter::build_formats() {
    const auto& p = theme::palette();
    key_ = tagged(p.text, QStringLiteral("key"), true);
    string_ = tagged(p.accent, QStringLiteral("string"));
    code_ = tagged(mix(p.text, p.accent, 0.25), QStringLiteral("code"));
    escape_ = tagged(p.miss, QStringLiteral("escape"));
    number_ = tagged(mix(p.text, p.error, 0.6), QStringLiteral("number"));
    literal_ = tagged(mix(p.text, p.error, 0.6), QStringLiteral("literal"), true);
    punctuation_ = tagged(p.muted, QStringLiteral("punctuation"));
}

void JsonHighlighter::apply_theme() {
    build_formats();
    rehighlight();
}

QString JsonHighlighter::token_kind(const QTextFormat& format) {
    return format.property(KindProperty).toString();
}

void JsonHighlighter::highlightBlock(const QString& text) {
    int depth = script_depth(previousBlockState());
    const int n = int(text.size());
    QString pending_key; // the key whose value comes next ("" when none)
    bool after_colon = false;
    int i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'"') {
            // A string: find its end (an unterminated string runs to the end of the line).
            int end = i + 1;
            while (end < n && text[end] != u'"') end += text[end] == u'\\' ? 2 : 1;
            end = std::min(end + 1, n); // past the closing quote
            int next = end;
            while (next < n && text[next].isSpace()) ++next;
            const bool is_key = !after_colon && depth != 1 && next < n && text[next] == u':';
            if (is_key) {
                setFormat(i, end - i, key_);
                pending_key = text.mid(i + 1, std::max(0, end - i - 2));
                i = end;
                continue;
            }
            const bool code = (after_colon && is_code_key(pending_key)) || depth == 1;
            const QTextCharFormat& body = code ? code_ : string_;
            setFormat(i, end - i, body);
            if (code) // quotes and escapes dimmed: the Python stands out
                for (int k = i + 1; k < end - 1; ++k)
                    if (text[k] == u'\\') {
                        const int len = (k + 1 < n && text[k + 1] == u'u') ? 6 : 2;
                        setFormat(k, std::min(len, end - 1 - k), escape_);
                        k += len - 1;
                    }
            if (code) {
                setFormat(i, 1, escape_);
                if (end - 1 > i && text[end - 1] == u'"') setFormat(end - 1, 1, escape_);
            }
            pending_key.clear();
            after_colon = false;
            i = end;
            continue;
        }
        if (c == u':') {
            setFormat(i, 1, punctuation_);
            after_colon = !pending_key.isEmpty();
            ++i;
            continue;
        }
        if (c == u'[' || c == u'{') {
            setFormat(i, 1, punctuation_);
            if (depth > 0)
                ++depth;
            else if (c == u'[' && after_colon && pending_key == u"script")
                depth = 1;
            pending_key.clear();
            after_colon = false;
            ++i;
            continue;
        }
        if (c == u']' || c == u'}' || c == u',') {
            setFormat(i, 1, punctuation_);
            if (c != u',' && depth > 0) --depth;
            pending_key.clear();
            after_colon = false;
            ++i;
            continue;
        }
        if (c.isDigit() || c == u'-') {
            int end = i + 1;
            while (end < n && is_number_char(text[end])) ++end;
            setFormat(i, end - i, number_);
            pending_key.clear();
            after_colon = false;
            i = end;
            continue;
        }
        if (c.isLetter()) {
            int end = i + 1;
            while (end < n && text[end].isLetterOrNumber()) ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(i, end - i, literal_);
            pending_key.clear();
            after_colon = false;
            i = end;
            continue;
        }
        ++i; // anything else is not JSON: left plain (the loader reports it)
    }
    setCurrentBlockState(depth);
}

} // namespace ds
