def __getattr__(self, name):
    if name.start[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[swith('_'):
        raise AttributeError(name)
    print(f'computing {name}')
    self.__digt__[naml e=] ne)name)
    rturn len(name)