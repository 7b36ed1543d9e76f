#include "ast.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace ds::ast {

namespace {

void put_str(std::string& out, const std::string& s) {
    out += '\'';
    for (unsigned char c : s) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\'':
            out += "\\'";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '\'';
}

// Python's repr(float): shortest round-trip digits, exponent form outside 1e-4 <= |d| < 1e16.
void put_float(std::string& out, double d) {
    if (std::isinf(d)) {
        out += d > 0 ? "inf" : "-inf";
        return;
    }
    if (std::isnan(d)) {
        out += "nan";
        return;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, r.ptr); // [-]d[.ddd]e[+-]xx
    std::string sign;
    if (s[0] == '-') {
        sign = "-";
        s.erase(0, 1);
    }
    const std::size_t e = s.find('e');
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp = std::stoi(s.substr(e + 1));
    const int decpt = exp + 1; // position of the decimal point relative to the digits
    out += sign;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out += "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
            out +=
                digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(decpt)) + "." +
                   digits.substr(static_cast<std::size_t>(decpt));
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += eb;
    }
}

const char* unary_word(UnaryOp op) {
    switch (op) {
    case UnaryOp::Neg:
        return "neg";
    case UnaryOp::Pos:
        return "pos";
    case UnaryOp::Not:
        return "not";
    case UnaryOp::Invert:
        return "invert";
    }
    return "?";
}

struct Dumper {
    std::string out;
    bool glue = false; // the next item attaches to the previous text (after * : = etc.)

    void sep() {
        if (glue) {
            glue = false;
            return;
        }
        if (!out.empty() && out.back() != '(' && out.back() != '[' && out.back() != ' ') out += ' ';
    }
    void attach(const std::string& s) {
        out += s;
        glue = true;
    }

    void expr_or_null(const ExprPtr& e) {
        sep();
        if (e)
            expr(*e);
        else
            out += '_';
    }

    void params(const Params& p) {
        sep();
        out += '(';
        for (std::size_t i = 0; i < p.positional.size(); ++i) {
            if (i == p.posonly_count && p.posonly_count) {
                sep();
                out += '/';
            }
            param(p.positional[i]);
        }
        if (p.posonly_count && p.posonly_count == p.positional.size()) {
            sep();
            out += '/';
        }
        if (!p.varargs.empty()) {
            sep();
            out += '*' + p.varargs;
            if (p.varargs_annotation) {
                attach(":");
                expr(*p.varargs_annotation);
            }
        } else if (!p.kwonly.empty()) {
            sep();
            out += '*';
        }
        for (const auto& k : p.kwonly) param(k);
        if (!p.varkw.empty()) {
            sep();
            out += "**" + p.varkw;
            if (p.varkw_annotation) {
                attach(":");
                expr(*p.varkw_annotation);
            }
        }
        out += ')';
    }

    void param(const Param& p) {
        sep();
        out += p.name;
        if (p.annotation) {
            attach(":");
            expr(*p.annotation);
        }
        if (p.default_value) {
            attach("=");
            expr(*p.default_value);
        }
    }

    void comps(const std::vector<CompFor>& gens) {
        for (const auto& g : gens) {
            sep();
            out += "(for";
            sep();
            expr(*g.target);
            sep();
            expr(*g.iter);
            for (const auto& i : g.ifs) {
                sep();
                out += "(if";
                sep();
                expr(*i);
                out += ')';
            }
            out += ')';
        }
    }

    void fparts(const std::vector<FStringPart>& parts) {
        for (const auto& p : parts) {
            sep();
            if (!p.value) {
                put_str(out, p.literal);
                continue;
            }
            attach("{");
            expr(*p.value);
            if (p.conversion) {
                out += " !";
                out += p.conversion;
            }
            if (p.format_spec_expr) {
                attach(" :");
                expr(*p.format_spec_expr);
            } else if (!p.format_spec.empty()) {
                out += " :";
                put_str(out, p.format_spec);
            }
            out += '}';
        }
    }

    void expr(const Expr& e) {
        sep();
        switch (e.kind) {
        case ExprKind::Name:
            out += e.as<Name>().id;
            break;
        case ExprKind::Constant:
            switch (e.as<Constant>().value) {
            case ConstantKind::None:
                out += "None";
                break;
            case ConstantKind::True:
                out += "True";
                break;
            case ConstantKind::False:
                out += "False";
                break;
            case ConstantKind::Ellipsis:
                out += "...";
                break;
            }
            break;
        case ExprKind::Int: {
            const auto& i = e.as<Int>();
            if (i.too_big)
                out += "<too big>";
            else
                out += std::to_string(i.value);
            break;
        }
        case ExprKind::Float:
            put_float(out, e.as<Float>().value);
            break;
        case ExprKind::Str:
            put_str(out, e.as<Str>().value);
            break;
        case ExprKind::FString:
            out += "(f";
            fparts(e.as<FString>().parts);
            out += ')';
            break;
        case ExprKind::List:
        case ExprKind::Tuple:
            out += e.kind == ExprKind::List ? "[" : "(tuple";
            for (const auto& x : e.as<Sequence>().elts) expr(*x);
            out += e.kind == ExprKind::List ? "]" : ")";
            break;
        case ExprKind::Dict:
            out += "(dict";
            for (const auto& it : e.as<Dict>().items) {
                if (it.key) {
                    expr(*it.key);
                    attach(":");
                    expr(*it.value);
                } else {
                    sep();
                    attach("**");
                    expr(*it.value);
                }
            }
            out += ')';
            break;
        case ExprKind::Attribute:
            out += "(.";
            expr(*e.as<Attribute>().value);
            sep();
            out += e.as<Attribute>().attr + ")";
            break;
        case ExprKind::Subscript:
            out += "([]";
            expr(*e.as<Subscript>().value);
            expr(*e.as<Subscript>().index);
            out += ')';
            break;
        case ExprKind::Slice: {
            const auto& s = e.as<Slice>();
            out += "(slice";
            expr_or_null(s.lower);
            expr_or_null(s.upper);
            expr_or_null(s.step);
            out += ')';
            break;
        }
        case ExprKind::Call: {
            const auto& c = e.as<Call>();
            out += "(call";
            expr(*c.func);
            for (const auto& a : c.args) expr(*a);
            for (const auto& k : c.keywords) {
                sep();
                attach(k.name.empty() ? "**" : k.name + "=");
                expr(*k.value);
            }
            out += ')';
            break;
        }
        case ExprKind::Lambda: {
            const FunctionDef& f = *e.as<Lambda>().func;
            out += "(lambda";
            params(f.params);
            expr(*f.body.front()->as<Return>().value);
            out += ')';
            break;
        }
        case ExprKind::Unary:
            out += '(';
            out += unary_word(e.as<Unary>().op);
            expr(*e.as<Unary>().operand);
            out += ')';
            break;
        case ExprKind::Binary:
            out += '(';
            out += symbol_of(e.as<Binary>().op);
            expr(*e.as<Binary>().left);
            expr(*e.as<Binary>().right);
            out += ')';
            break;
        case ExprKind::Compare:
            out += "(cmp";
            expr(*e.as<Compare>().left);
            for (const auto& c : e.as<Compare>().ops) {
                sep();
                out += symbol_of(c.op);
                expr(*c.right);
            }
            out += ')';
            break;
        case ExprKind::BoolOp:
            out += e.as<BoolOp>().op == BoolOpKind::And ? "(and" : "(or";
            for (const auto& v : e.as<BoolOp>().values) expr(*v);
            out += ')';
            break;
        case ExprKind::IfExp:
            out += "(ifexp";
            expr(*e.as<IfExp>().test);
            expr(*e.as<IfExp>().body);
            expr(*e.as<IfExp>().orelse);
            out += ')';
            break;
        case ExprKind::Starred:
            attach("*");
            expr(*e.as<Starred>().value);
            break;
        case ExprKind::ListComp:
        case ExprKind::GeneratorExp:
            out += e.kind == ExprKind::ListComp ? "(listcomp" : "(genexp";
            expr(*e.as<Comp>().elt);
            comps(e.as<Comp>().generators);
            out += ')';
            break;
        case ExprKind::DictComp:
            out += "(dictcomp";
            expr(*e.as<Comp>().key);
            attach(":");
            expr(*e.as<Comp>().value);
            comps(e.as<Comp>().generators);
            out += ')';
            break;
        }
    }

    void body(const StmtList& b) {
        sep();
        out += '[';
        for (const auto& s : b) stmt(*s);
        out += ']';
    }

    void function(const FunctionDef& f) {
        out += "(def " + f.name;
        params(f.params);
        if (f.returns) {
            sep();
            attach("->");
            expr(*f.returns);
        }
        body(f.body);
        out += ')';
    }

    void stmt(const Stmt& s) {
        sep();
        switch (s.kind) {
        case StmtKind::Expr:
            out += "(expr";
            expr(*s.as<ExprStmt>().value);
            out += ')';
            break;
        case StmtKind::Assign:
            out += "(=";
            for (const auto& t : s.as<Assign>().targets) expr(*t);
            expr(*s.as<Assign>().value);
            out += ')';
            break;
        case StmtKind::AugAssign:
            out += '(';
            out += symbol_of(s.as<AugAssign>().op);
            out += '=';
            expr(*s.as<AugAssign>().target);
            expr(*s.as<AugAssign>().value);
            out += ')';
            break;
        case StmtKind::Delete:
            out += "(del";
            for (const auto& t : s.as<Delete>().targets) expr(*t);
            out += ')';
            break;
        case StmtKind::Return:
            out += "(return";
            if (s.as<Return>().value) expr(*s.as<Return>().value);
            out += ')';
            break;
        case StmtKind::Pass:
            out += "pass";
            break;
        case StmtKind::Break:
            out += "break";
            break;
        case StmtKind::Continue:
            out += "continue";
            break;
        case StmtKind::If:
            out += "(if";
            expr(*s.as<If>().test);
            body(s.as<If>().body);
            if (!s.as<If>().orelse.empty()) body(s.as<If>().orelse);
            out += ')';
            break;
        case StmtKind::While:
            out += "(while";
            expr(*s.as<While>().test);
            body(s.as<While>().body);
            if (!s.as<While>().orelse.empty()) body(s.as<While>().orelse);
            out += ')';
            break;
        case StmtKind::For:
            out += "(for";
            expr(*s.as<For>().target);
            expr(*s.as<For>().iter);
            body(s.as<For>().body);
            if (!s.as<For>().orelse.empty()) body(s.as<For>().orelse);
            out += ')';
            break;
        case StmtKind::Raise: {
            const auto& r = s.as<Raise>();
            out += "(raise";
            if (r.exc) expr(*r.exc);
            if (r.cause) {
                out += " from";
                expr(*r.cause);
            }
            out += ')';
            break;
        }
        case StmtKind::Try: {
            const auto& t = s.as<Try>();
            out += "(try";
            body(t.body);
            for (const auto& h : t.handlers) {
                sep();
                out += "(except";
                if (h.type) expr(*h.type);
                if (!h.name.empty()) out += " as " + h.name;
                body(h.body);
                out += ')';
            }
            if (!t.orelse.empty()) {
                out += " (else";
                body(t.orelse);
                out += ')';
            }
            if (!t.finalbody.empty()) {
                out += " (finally";
                body(t.finalbody);
                out += ')';
            }
            out += ')';
            break;
        }
        case StmtKind::Assert:
            out += "(assert";
            expr(*s.as<Assert>().test);
            if (s.as<Assert>().msg) expr(*s.as<Assert>().msg);
            out += ')';
            break;
        case StmtKind::FunctionDef:
            function(*s.as<Def>().func);
            break;
        case StmtKind::Global:
        case StmtKind::Nonlocal:
            out += s.kind == StmtKind::Global ? "(global" : "(nonlocal";
            for (const auto& n : s.as<NameList>().names) out += " " + n;
            out += ')';
            break;
        case StmtKind::Import: {
            const auto& im = s.as<Import>();
            if (im.is_from) {
                out += "(from " + std::string(static_cast<std::size_t>(im.level), '.') + im.module +
                       " import";
            } else {
                out += "(import";
            }
            for (const auto& a : im.names) {
                out += " " + a.name;
                if (!a.asname.empty()) out += " as " + a.asname;
            }
            out += ')';
            break;
        }
        }
    }
};

} // namespace

std::string dump(const Expr& e) {
    Dumper d;
    d.expr(e);
    return d.out;
}

std::string dump(const Stmt& s) {
    Dumper d;
    d.stmt(s);
    return d.out;
}

std::string dump(const StmtList& body) {
    Dumper d;
    for (const auto& s : body) d.stmt(*s);
    return d.out;
}

std::string dump(const FunctionDef& f) {
    Dumper d;
    d.function(f);
    return d.out;
}

const char* name_of(ExprKind k) {
    switch (k) {
    case ExprKind::Name:
        return "Name";
    case ExprKind::Constant:
        return "Constant";
    case ExprKind::Int:
        return "Int";
    case ExprKind::Float:
        return "Float";
    case ExprKind::Str:
        return "Str";
    case ExprKind::FString:
        return "FString";
    case ExprKind::List:
        return "List";
    case ExprKind::Tuple:
        return "Tuple";
    case ExprKind::Dict:
        return "Dict";
    case ExprKind::Attribute:
        return "Attribute";
    case ExprKind::Subscript:
        return "Subscript";
    case ExprKind::Slice:
        return "Slice";
    case ExprKind::Call:
        return "Call";
    case ExprKind::Lambda:
        return "Lambda";
    case ExprKind::Unary:
        return "Unary";
    case ExprKind::Binary:
        return "Binary";
    case ExprKind::Compare:
        return "Compare";
    case ExprKind::BoolOp:
        return "BoolOp";
    case ExprKind::IfExp:
        return "IfExp";
    case ExprKind::Starred:
        return "Starred";
    case ExprKind::ListComp:
        return "ListComp";
    case ExprKind::DictComp:
        return "DictComp";
    case ExprKind::GeneratorExp:
        return "GeneratorExp";
    }
    return "?";
}

const char* name_of(StmtKind k) {
    switch (k) {
    case StmtKind::Expr:
        return "Expr";
    case StmtKind::Assign:
        return "Assign";
    case StmtKind::AugAssign:
        return "AugAssign";
    case StmtKind::Delete:
        return "Delete";
    case StmtKind::Return:
        return "Return";
    case StmtKind::Pass:
        return "Pass";
    case StmtKind::Break:
        return "Break";
    case StmtKind::Continue:
        return "Continue";
    case StmtKind::If:
        return "If";
    case StmtKind::While:
        return "While";
    case StmtKind::For:
        return "For";
    case StmtKind::Raise:
        return "Raise";
    case StmtKind::Try:
        return "Try";
    case StmtKind::Assert:
        return "Assert";
    case StmtKind::FunctionDef:
        return "FunctionDef";
    case StmtKind::Global:
        return "Global";
    case StmtKind::Nonlocal:
        return "Nonlocal";
    case StmtKind::Import:
        return "Import";
    }
    return "?";
}

const char* name_of(BinOp op) {
    switch (op) {
    case BinOp::Add:
        return "Add";
    case BinOp::Sub:
        return "Sub";
    case BinOp::Mul:
        return "Mul";
    case BinOp::Div:
        return "Div";
    case BinOp::FloorDiv:
        return "FloorDiv";
    case BinOp::Mod:
        return "Mod";
    case BinOp::Pow:
        return "Pow";
    case BinOp::BitAnd:
        return "BitAnd";
    case BinOp::BitOr:
        return "BitOr";
    case BinOp::BitXor:
        return "BitXor";
    case BinOp::LShift:
        return "LShift";
    case BinOp::RShift:
        return "RShift";
    }
    return "?";
}

const char* symbol_of(BinOp op) {
    switch (op) {
    case BinOp::Add:
        return "+";
    case BinOp::Sub:
        return "-";
    case BinOp::Mul:
        return "*";
    case BinOp::Div:
        return "/";
    case BinOp::FloorDiv:
        return "//";
    case BinOp::Mod:
        return "%";
    case BinOp::Pow:
        return "**";
    case BinOp::BitAnd:
        return "&";
    case BinOp::BitOr:
        return "|";
    case BinOp::BitXor:
        return "^";
    case BinOp::LShift:
        return "<<";
    case BinOp::RShift:
        return ">>";
    }
    return "?";
}

const char* name_of(CmpOp op) {
    switch (op) {
    case CmpOp::Eq:
        return "Eq";
    case CmpOp::NotEq:
        return "NotEq";
    case CmpOp::Lt:
        return "Lt";
    case CmpOp::LtE:
        return "LtE";
    case CmpOp::Gt:
        return "Gt";
    case CmpOp::GtE:
        return "GtE";
    case CmpOp::Is:
        return "Is";
    case CmpOp::IsNot:
        return "IsNot";
    case CmpOp::In:
        return "In";
    case CmpOp::NotIn:
        return "NotIn";
    }
    return "?";
}

const char* symbol_of(CmpOp op) {
    switch (op) {
    case CmpOp::Eq:
        return "==";
    case CmpOp::NotEq:
        return "!=";
    case CmpOp::Lt:
        return "<";
    case CmpOp::LtE:
        return "<=";
    case CmpOp::Gt:
        return ">";
    case CmpOp::GtE:
        return ">=";
    case CmpOp::Is:
        return "is";
    case CmpOp::IsNot:
        return "is not";
    case CmpOp::In:
        return "in";
    case CmpOp::NotIn:
        return "not in";
    }
    return "?";
}

const char* name_of(UnaryOp op) {
    switch (op) {
    case UnaryOp::Neg:
        return "Neg";
    case UnaryOp::Pos:
        return "Pos";
    case UnaryOp::Not:
        return "Not";
    case UnaryOp::Invert:
        return "Invert";
    }
    return "?";
}

} // namespace ds::ast
