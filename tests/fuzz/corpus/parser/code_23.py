def convert(self, text):
    try:
        return int(text)
    except ValueError as e:
        raise TypeError(f'cannot convert: {e}')