def __setattr__(self, name, value):
    print(f'set {name} = {value!r}')
    if name in ('x', 'y') and not isinstance(value, int):
        raise TypeError(f'{name} must be an int')
    super().__setattr__(name, value)