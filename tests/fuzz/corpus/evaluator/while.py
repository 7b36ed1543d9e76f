n = 0
while n < 50:
    n += 3
    if n % 7 == 0:
        continue
n