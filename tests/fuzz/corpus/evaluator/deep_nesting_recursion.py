x = []
c = int
for i in range(20000):
    x = [x]
    c = (c,)
for f in (repr, str, print, lambda v: v == [v], lambda v: isinstance(1, c)):
    try:
        f(x)
    except RecursionError as e:
        print(e)
