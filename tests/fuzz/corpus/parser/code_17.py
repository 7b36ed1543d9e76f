def __delattr__(self, name):
    if name in self.protected:
        raise AttributeError(f'{name} is protected')
    print('deleting', name)
    super().__delattr__(name)