try:
    Math.forever(0)
except RecursionError as e:
    caught = str(e)