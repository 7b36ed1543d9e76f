def __init__(self, value):
    print('building', value)
    if value < 0:
        raise ValueError(f'value must be >= 0, got {value}')
    Widget.count += 1
    self.value = value