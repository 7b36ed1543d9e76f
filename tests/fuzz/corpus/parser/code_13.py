def fetch(self, path):
    if path == '/missing':
        raise NotFoundError(f'{path} not found')
    if path == '/boom':
        raise HTTPError('server exploded')
    return 'ok'