def __getattr__(self, name):
    if name.startswith('_'):
        raise AttributeError(name)
    print(f'computing {name}')
    self.__dict__[name] = len(name)
    return len(name)