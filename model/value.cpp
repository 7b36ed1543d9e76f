#include "value.h"

#include "type.h"

#include <vector>

namespace ds {

Heap*& bootstrap_heap() {
    thread_local Heap* heap = nullptr;
    return heap;
}

static Heap* heap_of(const Object* o) {
    return o->type && o->type->owner_heap ? o->type->owner_heap : bootstrap_heap();
}

void link_new(Object* o) { heap_of(o)->link(o); }

Object::Object(TypeObject* t) : type(t) {
    if (type) incref(type);
}

Object::~Object() {
    if (type) decref(type);
}

void Object::set_type(TypeObject* new_type) {
    incref(new_type);
    TypeObject* old = std::exchange(type, new_type);
    decref(old);
}

// Freeing an object drops its references, which may free more objects: done iteratively
// (CPython's "trashcan") so that a long chain of objects cannot overflow the C++ stack.
void free_object(Object* o) {
    thread_local std::vector<Object*> pending;
    thread_local bool draining = false;
    pending.push_back(o);
    if (draining) return;
    draining = true;
    while (!pending.empty()) {
        Object* next = pending.back();
        pending.pop_back();
        heap_of(next)->unlink(next);
        delete next;
    }
    draining = false;
}

Heap::Heap() = default;

Heap::~Heap() {
    heap_tearing_down = true;
    for (Object* o = head_; o;) {
        Object* next = o->heap_next;
        delete o;
        o = next;
    }
    heap_tearing_down = false;
}

void Heap::link(Object* o) {
    o->heap_next = head_;
    if (head_) head_->heap_prev = o;
    head_ = o;
    ++count_;
}

void Heap::unlink(Object* o) {
    if (o->heap_prev) o->heap_prev->heap_next = o->heap_next;
    else if (head_ == o) head_ = o->heap_next;
    else return; // not linked
    if (o->heap_next) o->heap_next->heap_prev = o->heap_prev;
    o->heap_prev = o->heap_next = nullptr;
    --count_;
}

} // namespace ds
