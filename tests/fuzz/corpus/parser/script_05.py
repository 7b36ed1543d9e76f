try:
    store.keys()
except ConnectionError as e:
    err = e