def safe_get(self, key):
    try:
        return self.get(key)
    except AppError as e:
        return f'{type(e).__name__}: {e}'