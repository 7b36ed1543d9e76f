a, *b, c = range(5)
(a, b, c)