def swallow(self):
    try:
        raise KeyError('k')
    finally:
        return 'finally wins'