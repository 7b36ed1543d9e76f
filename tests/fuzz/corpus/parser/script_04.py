try:
    w.convert('y')
except TypeError as e:
    msg = str(e)