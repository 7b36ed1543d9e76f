def f(a, b=2, *args, k=3, **kw):
    return a, b, args, k, kw
f(1), f(1, 2, 3, k=4, z=5)