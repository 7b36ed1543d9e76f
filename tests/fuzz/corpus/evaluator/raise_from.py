try:
    raise ValueError('a') from KeyError('b')
except ValueError as e:
    c = e.__cause__
c