total = 0
for i in range(100):
    total += i * i
total