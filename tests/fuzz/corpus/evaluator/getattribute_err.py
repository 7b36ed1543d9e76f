try:
    g.__dict__
except AttributeError as e:
    print(repr(e))