#include "graphlayout.h"

#include <gvc.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace ds {

namespace {

int silent_errors(char*) {
    return 0;
}

void silence_graphviz() {
    agseterr(AGMAX); // only messages at AGMAX or above are printed: none
    agseterrf(&silent_errors);
}

// One Graphviz context for the process. Only the dot layout plugin is loaded (straight from
// its library next to libgvc), so no renderer or text-layout plugin (pango, fontconfig) is
// dragged in and no plugin configuration file is needed; if that library cannot be found,
// the ordinary configured context is used.
GVC_t* context() {
    static GVC_t* gvc = [] {
        silence_graphviz();
        Dl_info info{};
        if (dladdr(reinterpret_cast<void*>(&gvContext), &info) && info.dli_fname) {
            std::string dir = info.dli_fname;
            dir = dir.substr(0, dir.rfind('/') + 1);
            for (const char* file :
                 {"graphviz/libgvplugin_dot_layout.so.6", "graphviz/libgvplugin_dot_layout.so"}) {
                if (void* lib = dlopen((dir + file).c_str(), RTLD_NOW | RTLD_LOCAL)) {
                    if (void* sym = dlsym(lib, "gvplugin_dot_layout_LTX_library")) {
                        static lt_symlist_t builtins[] = {
                            {"gvplugin_dot_layout_LTX_library", nullptr}, {nullptr, nullptr}};
                        builtins[0].address = sym;
                        return gvContextPlugins(builtins, 0);
                    }
                    dlclose(lib);
                }
            }
        }
        return gvContext();
    }();
    return gvc;
}

char* cstr(std::string& s) {
    return s.data();
}

// Graphviz takes char* everywhere; these keep the strings alive for the call.
void set(void* obj, const char* name, const std::string& value) {
    std::string n = name, v = value, d;
    agsafeset(obj, cstr(n), cstr(v), cstr(d));
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

QPointF point(const pointf& p, double top) {
    return {p.x, top - p.y};
}

// Where the segment from `from` (outside) to the centre of `box` crosses the box's border.
QPointF clip_to_box(QPointF from, QRectF box) {
    QPointF c = box.center(), d = from - c;
    double sx = std::abs(d.x()) > 1e-9 ? box.width() / 2 / std::abs(d.x()) : 1e9;
    double sy = std::abs(d.y()) > 1e-9 ? box.height() / 2 / std::abs(d.y()) : 1e9;
    double s = std::min({sx, sy, 1.0});
    return c + d * s;
}

// Used only when Graphviz cannot lay out: longest-path layers, input order within a layer,
// straight edges. Good enough to keep the picture readable.
GraphLayout fallback_layout(const std::vector<LayoutNode>& nodes,
                            const std::vector<LayoutEdge>& edges, const LayoutOptions& options) {
    GraphLayout out;
    size_t n = nodes.size();
    std::vector<int> level(n, 0);
    // level = longest constraint path from the node to a sink (heads first)
    for (size_t round = 0; round < n; ++round) {
        bool changed = false;
        for (const LayoutEdge& e : edges)
            if (e.constraint && e.tail != e.head && level[e.tail] < level[e.head] + 1 &&
                level[e.head] + 1 <= int(n)) {
                level[e.tail] = level[e.head] + 1;
                changed = true;
            }
        if (!changed) break;
    }
    int max_level = n ? *std::max_element(level.begin(), level.end()) : 0;
    double row_h = 0;
    for (const LayoutNode& node : nodes) row_h = std::max(row_h, node.size.height());
    double rank_gap = options.ranksep * 72, node_gap = options.nodesep * 72;
    std::vector<double> cursor(max_level + 1, 0);
    out.centres.resize(n);
    bool heads_up = options.rankdir != QLatin1String("TB");
    for (size_t i = 0; i < n; ++i) {
        int row = heads_up ? level[i] : max_level - level[i]; // row 0 at the top
        double w = nodes[i].size.width();
        out.centres[i] = QPointF(cursor[row] + w / 2, row * (row_h + rank_gap) + row_h / 2);
        cursor[row] += w + node_gap;
    }
    double widest = *std::max_element(cursor.begin(), cursor.end());
    for (size_t i = 0; i < n; ++i) { // centre every row under the widest
        int row = heads_up ? level[i] : max_level - level[i];
        out.centres[i].rx() += (widest - cursor[row]) / 2;
    }
    QRectF bounds;
    for (size_t i = 0; i < n; ++i) {
        QRectF r(out.centres[i] - QPointF(nodes[i].size.width() / 2, nodes[i].size.height() / 2),
                 nodes[i].size);
        bounds = bounds.united(r);
    }
    out.bounds = bounds;
    for (const LayoutEdge& e : edges) {
        EdgeRoute route;
        QRectF tail_box(out.centres[e.tail] - QPointF(nodes[e.tail].size.width() / 2,
                                                      nodes[e.tail].size.height() / 2),
                        nodes[e.tail].size);
        QRectF head_box(out.centres[e.head] - QPointF(nodes[e.head].size.width() / 2,
                                                      nodes[e.head].size.height() / 2),
                        nodes[e.head].size);
        QPointF a = clip_to_box(head_box.center(), tail_box),
                b = clip_to_box(tail_box.center(), head_box);
        QPointF end = b;
        if (e.arrow) {
            QPointF d = b - a;
            double len = std::hypot(d.x(), d.y());
            if (len > 12) end = b - d * (10 / len);
            route.has_arrow = true;
            route.arrow_tip = b;
        }
        route.points = {a, a + (end - a) / 3, a + (end - a) * 2 / 3, end};
        if (!e.label.isEmpty()) {
            route.has_label = true;
            route.label_pos = (a + b) / 2;
        }
        out.edges.push_back(route);
    }
    return out;
}

// The Graphviz graph of nodes and edges with the options, shared by the layout and the DOT
// writer. `sized`: nodes get our measured sizes (fixedsize), for the layout.
struct BuiltGraph {
    Agraph_t* graph = nullptr;
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;
};

BuiltGraph build_graph(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                       const LayoutOptions& options, bool sized, Agdisc_t* disc = nullptr) {
    BuiltGraph built;
    std::string gname = "g";
    Agraph_t* g = agopen(cstr(gname), Agdirected, disc);
    built.graph = g;
    set(g, "rankdir", options.rankdir.toStdString());
    if (options.ordering_out) set(g, "ordering", "out");
    set(g, "nodesep", num(options.nodesep));
    set(g, "ranksep", num(options.ranksep));
    set(g, "splines", "spline");
    if (nodes.size() > 120) {
        // Big graphs: fewer crossing-minimisation passes keep the layout well under a second.
        set(g, "mclimit", "0.3");
        set(g, "nslimit", "4");
        set(g, "nslimit1", "4");
    }

    // Declare the attributes once with defaults, then set per object through the symbols.
    auto declare = [&](int kind, const char* name, const char* value) {
        std::string n = name, v = value;
        return agattr(g, kind, cstr(n), cstr(v));
    };
    Agsym_t* n_width = sized ? declare(AGNODE, "width", "0.75") : nullptr;
    Agsym_t* n_height = sized ? declare(AGNODE, "height", "0.5") : nullptr;
    declare(AGNODE, "shape", "box");
    if (sized) {
        declare(AGNODE, "fixedsize", "true");
        declare(AGNODE, "label", "");
    }
    Agsym_t* e_constraint = declare(AGEDGE, "constraint", "true");
    Agsym_t* e_arrowhead = declare(AGEDGE, "arrowhead", "normal");
    Agsym_t* e_label = declare(AGEDGE, "label", "");
    Agsym_t* e_fontsize = declare(AGEDGE, "fontsize", "10");
    declare(AGEDGE, "fontname", "Helvetica");
    declare(AGEDGE, "arrowsize", "0.8");

    built.nodes.reserve(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        std::string name = nodes[i].dot_name.empty() ? "n" + std::to_string(i) : nodes[i].dot_name;
        Agnode_t* n = agnode(g, cstr(name), 1);
        if (sized) {
            std::string w = num(std::max(nodes[i].size.width(), 1.0) / 72.0);
            std::string h = num(std::max(nodes[i].size.height(), 1.0) / 72.0);
            agxset(n, n_width, cstr(w));
            agxset(n, n_height, cstr(h));
        }
        for (const auto& [key, value] : nodes[i].dot_attributes) set(n, key.c_str(), value);
        built.nodes.push_back(n);
    }
    for (size_t s = 0; s < options.same_rank.size(); ++s) {
        std::string name = "rank" + std::to_string(s);
        Agraph_t* sg = agsubg(g, cstr(name), 1);
        set(sg, "rank", "same");
        for (int i : options.same_rank[s])
            if (i >= 0 && size_t(i) < built.nodes.size()) agsubnode(sg, built.nodes[i], 1);
    }
    built.edges.reserve(edges.size());
    for (const LayoutEdge& e : edges) {
        Agedge_t* edge = agedge(g, built.nodes.at(e.tail), built.nodes.at(e.head), nullptr, 1);
        if (!e.constraint) {
            std::string v = "false";
            agxset(edge, e_constraint, cstr(v));
        }
        if (!e.arrow) {
            std::string v = "none";
            agxset(edge, e_arrowhead, cstr(v));
        }
        if (!e.label.isEmpty()) {
            std::string text = e.label.toStdString(), size = num(e.label_font_pt);
            agxset(edge, e_label, cstr(text));
            agxset(edge, e_fontsize, cstr(size));
        }
        for (const auto& [key, value] : e.dot_attributes) set(edge, key.c_str(), value);
        built.edges.push_back(edge);
    }
    return built;
}

// agwrite's output channel: a std::string.
int put_string(void* chan, const char* str) {
    static_cast<std::string*>(chan)->append(str);
    return 0;
}

int no_flush(void*) {
    return 0;
}

} // namespace

std::string write_dot(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                      const LayoutOptions& options) {
    silence_graphviz();
    static Agiodisc_t io{AgIoDisc.afread, &put_string, &no_flush};
    Agdisc_t disc{&AgMemDisc, &AgIdDisc, &io};
    BuiltGraph built = build_graph(nodes, edges, options, false, &disc);
    std::string out;
    agwrite(built.graph, &out);
    agclose(built.graph);
    return out;
}

GraphLayout layout_dot(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                       const LayoutOptions& options) {
    GVC_t* gvc = context();
    silence_graphviz();
    if (!gvc) return fallback_layout(nodes, edges, options);

    BuiltGraph built = build_graph(nodes, edges, options, true);
    Agraph_t* g = built.graph;
    const std::vector<Agnode_t*>& gv_nodes = built.nodes;
    const std::vector<Agedge_t*>& gv_edges = built.edges;

    std::string engine = "dot";
    if (gvLayout(gvc, g, engine.c_str()) != 0) {
        agclose(g);
        return fallback_layout(nodes, edges, options);
    }

    GraphLayout out;
    out.ok = true;
    boxf bb = GD_bb(g);
    double top = bb.UR.y;
    out.bounds = QRectF(bb.LL.x, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    out.centres.reserve(nodes.size());
    for (Agnode_t* n : gv_nodes) out.centres.push_back(point(ND_coord(n), top));
    out.edges.reserve(edges.size());
    for (size_t i = 0; i < gv_edges.size(); ++i) {
        Agedge_t* e = gv_edges[i];
        EdgeRoute route;
        if (const splines* spl = ED_spl(e)) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier& bz = spl->list[b];
                for (int k = 0; k < bz.size; ++k) {
                    // Later pieces (rare) repeat the joint; keep the chain continuous.
                    if (b > 0 && k == 0) continue;
                    route.points.push_back(point(bz.list[k], top));
                }
                if (bz.eflag) {
                    route.has_arrow = true;
                    route.arrow_tip = point(bz.ep, top);
                }
            }
        }
        if (route.points.empty()) { // not routed: a straight line between the centres
            QPointF a = out.centres[edges[i].tail], b = out.centres[edges[i].head];
            route.points = {a, a + (b - a) / 3, a + (b - a) * 2 / 3, b};
        }
        if (textlabel_t* label = ED_label(e); label && label->set) {
            route.has_label = true;
            route.label_pos = point(label->pos, top);
        }
        out.edges.push_back(route);
    }

    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

} // namespace ds
