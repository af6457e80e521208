// The seed's example response ("Get hostPort", Example), byte for byte as documented: wrapped in "value",
// with the impossible firstSeenDateTime (month 17) left as it is. Served by the demo and the test server.
export const SEED_HOST = '85.13.139.18';
export const SEED_PORT = 21;
export const SEED_HOST_PORT_ID = 'ODUuMTMuMTM5LjE4JCQyMQ==';

export const SEED_EXAMPLE_BODY = `{
  "value": {
    "@odata.type": "#microsoft.graph.security.hostPort",
    "id": "ODUuMTMuMTM5LjE4JCQyMQ==",
    "port": 21,
    "firstSeenDateTime": "2016-17-13T08:43:41.00Z",
    "lastSeenDateTime": "2023-08-09T23:18:21.00Z",
    "lastScanDateTime": "2023-08-09T23:20:33.00Z",
    "timesObserved": 3698,
    "status": "open",
    "protocol": "tcp",
    "banners": [
      {
        "banner": "220 FTP on dd44024.kasserver.com ready\\r\\n",
        "firstSeenDateTime": "2021-03-08T16:21:28.00Z",
        "lastSeenDateTime": "2023-08-09T23:18:21.00Z",
        "scanProtocol": "telnet",
        "timesObserved": 274
      }
    ],
    "services": [
      {
        "firstSeenDateTime": "2021-05-26T01:05:09.00Z",
        "lastSeenDateTime": "2023-08-09T12:59:13.00Z",
        "isRecent": true,
        "component": {
          "id": "T3BlblNTSCQkOC4ycDEkJFJlbW90ZSBBY2Nlc3MkJDg1LjEzLjEzOS4xOA==",
          "name": "OpenSSH",
          "version": "8.2p1",
          "category": "Remote Access"
        }
      }
    ],
    "mostRecentSslCertificate": {
      "id": "ZDg5ZTNiZDQzZDVkOTA5YjQ3YTE4OTc3YWE5ZDVjZTM2Y2VlMTg0Yw=="
    },
    "host": {
      "id": "85.13.139.18"
    }
  }
}`;
