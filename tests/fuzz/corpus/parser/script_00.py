total = 0
for i, ch in enumerate('abc'):
    if ch == 'b':
        continue
    total += i