#include "value.h"

#include <vector>

namespace ds {

Heap*& current_heap() {
    thread_local Heap* heap = nullptr;
    return heap;
}

Object::Object(TypeObject* t) : type(t) {
    if (type) incref(reinterpret_cast<Object*>(type));
}

Object::~Object() {
    if (type) decref(reinterpret_cast<Object*>(type));
}

void Object::set_type(TypeObject* new_type) {
    incref(reinterpret_cast<Object*>(new_type));
    TypeObject* old = std::exchange(type, new_type);
    decref(reinterpret_cast<Object*>(old));
}

void incref(Object* o) { ++o->refcount; }

// Freeing an object drops its references, which may free more objects: done iteratively
// (CPython's "trashcan") so that a long chain of objects cannot overflow the C++ stack.
void decref(Object* o) {
    Heap* heap = current_heap();
    if (heap && heap->dying()) return; // the heap frees everything itself, in any order
    if (--o->refcount != 0) return;
    thread_local std::vector<Object*> pending;
    thread_local bool draining = false;
    pending.push_back(o);
    if (draining) return;
    draining = true;
    while (!pending.empty()) {
        Object* next = pending.back();
        pending.pop_back();
        if (heap) heap->unlink(next);
        delete next;
    }
    draining = false;
}

Heap::Heap() = default;

Heap::~Heap() {
    Heap* previous = current_heap();
    current_heap() = this;
    dying_ = true;
    for (Object* o = head_; o;) {
        Object* next = o->heap_next;
        delete o;
        o = next;
    }
    current_heap() = previous == this ? nullptr : previous;
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
