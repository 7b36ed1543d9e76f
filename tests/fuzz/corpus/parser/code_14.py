def read(key):
    try:
        return store.get(key)
    except ConnectionError as e:
        print('primary failed:', e)
        return backup.get(key)