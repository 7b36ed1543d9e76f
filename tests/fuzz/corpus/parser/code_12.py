def celsius(self, value):
    if not isinstance(value, (int, float)):
        raise TypeError(f'expected a number, got {type(value).__name__}')
    if value < -273.15:
        raise ValueError('below absolute zero')
    self._celsius = value