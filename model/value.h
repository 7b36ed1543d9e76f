// Values and the object heap: the engine's equivalent of PyObject* and its reference counting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace ds {

struct TypeObject;

// Every heap object. Reference counted like CPython's objects; all objects also sit in their
// heap's list so that cycles (which refcounting cannot free) go when the World goes.
struct Object {
    explicit Object(TypeObject* type);
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    virtual ~Object();

    uint32_t refcount = 0;
    TypeObject* type; // strong reference (see set_type)
    Object* heap_prev = nullptr;
    Object* heap_next = nullptr;

    void set_type(TypeObject* new_type);
};

// True while a heap frees all its objects: references between them no longer count.
inline thread_local bool heap_tearing_down = false;

void free_object(Object* o); // the last reference went

// Inline: every copy of a Value that holds an object does one of these.
inline void incref(Object* o) { ++o->refcount; }
inline void decref(Object* o) {
    if (heap_tearing_down) return; // the heap frees everything itself, in any order
    if (--o->refcount == 0) free_object(o);
}

// The object as a given C++ kind, or nullptr when it is not one. The kinds are final classes
// (objects.h), so this is one comparison of type_info rather than a dynamic_cast: it runs on
// every attribute access.
template <class T> T* object_as(Object* o) {
    if constexpr (std::is_final_v<T>) return o && typeid(*o) == typeid(T) ? static_cast<T*>(o) : nullptr;
    else return dynamic_cast<T*>(o);
}

// Intrusive strong pointer to an object of a known C++ kind.
template <class T> class Ref {
  public:
    Ref() = default;
    Ref(T* p) : p_(p) { if (p_) incref(p_); }
    Ref(const Ref& r) : p_(r.p_) { if (p_) incref(p_); }
    Ref(Ref&& r) noexcept : p_(std::exchange(r.p_, nullptr)) {}
    template <class U> Ref(const Ref<U>& r) : Ref(r.get()) {}
    ~Ref() { if (p_) decref(p_); }
    Ref& operator=(Ref r) noexcept { std::swap(p_, r.p_); return *this; }
    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    bool operator==(const Ref& r) const { return p_ == r.p_; }

  private:
    T* p_ = nullptr;
};

// A Python value. Small immutable values (None, bool, int, float) live inline; everything
// else is a reference to a heap object. `Empty` is CPython's NULL: "no value" (an unbound
// local, a missing entry), never visible to Python code.
class Value {
  public:
    enum class Tag : uint8_t { Empty, None, Bool, Int, Float, Object };

    Value() = default;
    static Value none() { Value v; v.tag_ = Tag::None; return v; }
    static Value boolean(bool b) { Value v; v.tag_ = Tag::Bool; v.i_ = b; return v; }
    static Value integer(int64_t i) { Value v; v.tag_ = Tag::Int; v.i_ = i; return v; }
    static Value real(double f) { Value v; v.tag_ = Tag::Float; v.f_ = f; return v; }
    Value(Object* o) {
        if (o) { tag_ = Tag::Object; o_ = o; incref(o); }
    }
    template <class T> Value(const Ref<T>& r) : Value(static_cast<Object*>(r.get())) {}
    Value(const Value& v) : tag_(v.tag_), i_(v.i_) { if (tag_ == Tag::Object) incref(o_); }
    Value(Value&& v) noexcept : tag_(v.tag_), i_(v.i_) { v.tag_ = Tag::Empty; }
    ~Value() { if (tag_ == Tag::Object) decref(o_); }
    Value& operator=(Value v) noexcept {
        std::swap(tag_, v.tag_);
        std::swap(i_, v.i_);
        return *this;
    }

    Tag tag() const { return tag_; }
    bool empty() const { return tag_ == Tag::Empty; }
    bool is_none() const { return tag_ == Tag::None; }
    bool is_bool() const { return tag_ == Tag::Bool; }
    bool is_int() const { return tag_ == Tag::Int; }
    bool is_float() const { return tag_ == Tag::Float; }
    bool is_object() const { return tag_ == Tag::Object; }
    bool as_bool() const { return i_ != 0; }
    int64_t as_int() const { return i_; }
    double as_float() const { return f_; }
    Object* object() const { return tag_ == Tag::Object ? o_ : nullptr; }
    // The object as a given C++ kind, or nullptr when it is not one (see object_as).
    template <class T> T* as() const { return tag_ == Tag::Object ? object_as<T>(o_) : nullptr; }

    // Identity, as Python's `is`.
    bool is(const Value& v) const { return tag_ == v.tag_ && i_ == v.i_; }

  private:
    Tag tag_ = Tag::Empty;
    union {
        int64_t i_ = 0;
        double f_;
        Object* o_;
    };
};

// All objects of one World. Each object is linked into the heap of its type's World, so that
// several Worlds can live side by side in one thread (the window's model, the editor's check).
class Heap {
  public:
    Heap();
    ~Heap();
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    void link(Object* o);
    void unlink(Object* o);
    size_t object_count() const { return count_; }

  private:
    Object* head_ = nullptr;
    size_t count_ = 0;
};

// The heap for objects whose type has no heap yet (only while a World bootstraps its types).
Heap*& bootstrap_heap();

// Links a new object into the heap of its type's World.
void link_new(Object* o);

template <class T, class... Args> Ref<T> make(Args&&... args) {
    T* o = new T(std::forward<Args>(args)...);
    link_new(o);
    return Ref<T>(o);
}

} // namespace ds
