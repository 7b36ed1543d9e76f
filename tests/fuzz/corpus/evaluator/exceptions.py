try:
    1 / 0
except ZeroDivisionError as e:
    r = e.args
finally:
    print('done')
r