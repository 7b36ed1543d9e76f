def __call__(cls, *args, **kwargs):
    if '_instance' not in cls.__dict__:
        print('creating', cls.__name__)
        cls._instance = super().__call__(*args, **kwargs)
    return cls._instance