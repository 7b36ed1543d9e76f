try:
    1 / 0
except (KeyError, ZeroDivisionError) as e:
    caught = type(e).__name__